package org.kpaudit.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry lists every check once, and every listed check has its own test class. */
class CheckRegistryTest {

    @Test
    void everyRegisteredCheckHasATestClassNamedAfterIt() {
        List<String> missing = new ArrayList<>();
        for (Check<?> c : CheckRegistry.all()) {
            String name = c.getClass().getName() + "Test";
            Class<?> test = testClass(name);
            if (test == null) {
                missing.add(name + " (no such class)");
            } else if (testMethods(test) < 2) {
                missing.add(name + " (needs a passing and a failing input: at least two @Test methods)");
            }
        }
        assertThat(missing).as("checks in CheckRegistry.all() without a test class").isEmpty();
    }

    @Test
    void theLookupFailsForACheckWithoutATestClass() {
        // the rule above must be able to fail: a class that is not a check has no <name>Test
        assertThat(testClass(CheckRegistry.class.getName() + "NoSuchCheckTest")).isNull();
        assertThat(testClass(CheckRegistryTest.class.getName())).isNotNull();
    }

    @Test
    void eachCheckIsListedOnceUnderItsOwnName() {
        // ids are checked in AnalyzerTest
        assertThat(CheckRegistry.rules()).extracting(RuleInfo::name).doesNotHaveDuplicates();
        assertThat(CheckRegistry.all()).extracting(c -> c.getClass()).doesNotHaveDuplicates();
    }

    private static Class<?> testClass(String name) {
        try {
            return Class.forName(name, false, CheckRegistryTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static long testMethods(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods()).filter(CheckRegistryTest::isTest).count();
    }

    private static boolean isTest(Method m) {
        return m.isAnnotationPresent(Test.class);
    }
}
