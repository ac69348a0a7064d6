package org.kpaudit.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyTest {

    @Test
    void fullPolicyParses() throws Exception {
        Policy p = Policy.parse("p.yaml", """
                allow_functions: ['parse_*', 'shop::*']
                deny_functions: ['*crypt*']
                never_patchable: [event_loop]
                thread_entry_points: [worker]
                max_functions: 4
                allowed_imports: ['printf', 'memcpy@GLIBC_2.14']
                allow_writable_data: false
                """);
        assertThat(p.maxFunctions()).isEqualTo(4);
        assertThat(p.allowWritableData()).isFalse();
        assertThat(p.neverPatchable()).extracting(Glob::toString).containsExactly("main", "_start", "event_loop");
        assertThat(Policy.firstMatch(p.allowFunctions(), "_ZN4shop9Inventory4takeEi")).hasToString("shop::*");
        assertThat(Policy.defaults().neverPatchable()).extracting(Glob::toString).containsExactly("main", "_start");
    }

    @Test
    void unknownKeysBadGlobsAndBadValuesAreErrors() {
        assertThatThrownBy(() -> Policy.parse("p.yaml", "allow_function: [x]\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("unknown key 'allow_function'");
        assertThatThrownBy(() -> Policy.parse("p.yaml", "deny_functions: ['foo[']\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("bad glob").hasMessageContaining("unclosed '['");
        assertThatThrownBy(() -> Policy.parse("p.yaml", "max_functions: lots\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("max_functions");
        assertThatThrownBy(() -> Policy.parse("p.yaml", "allow_writable_data: 1\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("true or false");
        assertThatThrownBy(() -> Policy.parse("p.yaml", "deny_functions: main\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("list of strings");
        assertThatThrownBy(() -> Policy.parse("p.yaml", "a: [\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void globSyntax() {
        assertThat(Glob.compile("foo*").matches("foobar")).isTrue();
        assertThat(Glob.compile("f?o").matches("fxo")).isTrue();
        assertThat(Glob.compile("[a-c]x").matches("bx")).isTrue();
        assertThat(Glob.compile("[!a-c]x").matches("bx")).isFalse();
        assertThat(Glob.compile("a.b").matches("axb")).isFalse();
        assertThat(Glob.compile("\\*").matches("*")).isTrue();
        assertThatThrownBy(() -> Glob.compile("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Glob.compile("[z-a]")).hasMessageContaining("reversed range");
    }

    @Test
    void demanglesTheSimpleItaniumCases() {
        // h_cxx/README names; expected forms as c++filt prints them
        assertThat(Demangler.demangle("_ZN4shop9Inventory4takeEi")).hasValue("shop::Inventory::take(int)");
        assertThat(Demangler.demangle("_Z9run_roundi")).hasValue("run_round(int)");
        assertThat(Demangler.demangle("_ZN4shop12_GLOBAL__N_113clamp_requestEii"))
                .hasValue("shop::(anonymous namespace)::clamp_request(int, int)");
        assertThat(Demangler.demangle("_ZN4shop9InventoryC1Ei")).hasValue("shop::Inventory::Inventory(int)");
        assertThat(Demangler.qualifiedName("_ZNK4shop9Inventory8describeB5cxx11Ev"))
                .hasValue("shop::Inventory::describe[abi:cxx11]");
        assertThat(Demangler.demangle("_Z3fooPKc")).hasValue("foo(char const*)");
        assertThat(Demangler.demangle("main")).isEmpty();
    }

    @Test
    void fileNameFacts() {
        FileNameFacts flat = FileNameFacts.of("x/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch");
        assertThat(flat.layout()).isEqualTo(FileNameFacts.Layout.FLAT);
        assertThat(flat.buildIdFromName()).isEqualTo("a089a4f5e43ba0634a4ef66deeef1450ffe24aa4");
        FileNameFacts st = FileNameFacts.of("s.tgz!store/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4/12/kpatch.bin");
        assertThat(st.layout()).isEqualTo(FileNameFacts.Layout.STORAGE);
        assertThat(st.level()).isEqualTo(12);
        assertThat(st.storageDir()).isEqualTo("s.tgz!store/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4");
        assertThat(FileNameFacts.of("patch.kpatch").layout()).isEqualTo(FileNameFacts.Layout.OTHER);
    }
}
