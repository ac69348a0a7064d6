package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.Samples;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** JUnit XML from every command that gates (check, scan, chain, audit), valid and consistent. */
class JUnitReportTest {

    /** Validates against junit-report.xsd and checks every suite's counts against its testcases. */
    private static Document valid(String xml) throws Exception {
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        sf.newSchema(JUnitReportTest.class.getResource("junit-report.xsd")).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        NodeList suites = d.getElementsByTagName("testsuite");
        int tests = 0;
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            int cases = s.getElementsByTagName("testcase").getLength();
            assertThat(Integer.parseInt(s.getAttribute("tests"))).as(s.getAttribute("name")).isEqualTo(cases);
            assertThat(Integer.parseInt(s.getAttribute("failures"))).isEqualTo(s.getElementsByTagName("failure").getLength());
            assertThat(Integer.parseInt(s.getAttribute("skipped"))).isEqualTo(s.getElementsByTagName("skipped").getLength());
            assertThat(Integer.parseInt(s.getAttribute("errors"))).isEqualTo(s.getElementsByTagName("error").getLength());
            tests += cases;
        }
        assertThat(Integer.parseInt(d.getDocumentElement().getAttribute("tests"))).isEqualTo(tests);
        return d;
    }

    private static Element testcase(Document d, String suite, String check) {
        NodeList cases = d.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getAttribute("classname").endsWith(suite) && c.getAttribute("name").startsWith(check + " ")) {
                return c;
            }
        }
        return null;
    }

    @Test
    void scanFailsTheHookAndSkipsWhatItCouldNotVerify() throws Exception {
        String hooked = Samples.path("forensics/inline-hook/core-hooked").toString();
        String clean = Samples.path("forensics/inline-hook/core-clean").toString();
        CliRunner r = CliRunner.run("scan", "-f", "junit", hooked, clean);
        assertThat(r.exitCode()).isEqualTo(1);
        Document d = valid(r.out());
        assertThat(d.getDocumentElement().getAttribute("name")).isEqualTo("kpaudit scan");
        assertThat(testcase(d, "core-hooked", "SC101").getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(testcase(d, "core-clean", "SC101").getChildNodes().getLength()).isZero();
        // the three objects without their files (forensics/inline-hook/README.md): not verified, so skipped
        assertThat(testcase(d, "core-clean", "SC201").getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void chainHasASuitePerModuleAndOneForTheChain() throws Exception {
        CliRunner r = CliRunner.run("chain", "-f", "junit", Samples.path("klp/patch-a/patch-a.ko").toString(),
                Samples.path("klp/patch-b/patch-b.ko").toString());
        assertThat(r.exitCode()).isZero();
        Document d = valid(r.out());
        assertThat(d.getElementsByTagName("testsuite").getLength()).isEqualTo(3);
        // no kernel given: KL116 is skipped for each module
        assertThat(testcase(d, "patch-a.ko", "KL116").getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(testcase(d, "chain", "KL201")).isNotNull();
    }

    @Test
    void checkAndAuditAreValidToo(@TempDir Path out) throws Exception {
        valid(CliRunner.run("check", "-f", "junit", Samples.path("libcare/g_func_filter").toString()).out());
        CliRunner a = CliRunner.run("audit", "--junit", "-d", out.resolve("new/dir").toString(),
                Samples.path("libcare/a_bounds_check").toString(), Samples.path("forensics").toString());
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).contains("JUnit XML:");
        Document d = valid(Files.readString(out.resolve("new/dir/kpaudit-report.junit.xml")));
        assertThat(d.getDocumentElement().getAttribute("name")).isEqualTo("kpaudit audit");
        // the patch, and the cores of both folders (a_bounds_check/runtime*, forensics/inline-hook)
        assertThat(testcase(d, "a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch", "KP101")).isNotNull();
        assertThat(testcase(d, "core-hooked", "SC101").getElementsByTagName("failure").getLength()).isEqualTo(1);
    }
}
