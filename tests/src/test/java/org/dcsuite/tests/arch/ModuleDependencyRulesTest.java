package org.dcsuite.tests.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dependency direction of ../shared/ARCHITECTURE.md as tests: arrows point toward core, feature modules
 * do not import each other except where the table allows, and only app knows every module.
 */
class ModuleDependencyRulesTest {

    /** Module package (under org.dcsuite) and the module packages it may use besides itself. */
    private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("core", Set.of());
        ALLOWED.put("storage", Set.of("core"));
        ALLOWED.put("drivers", Set.of("core"));
        ALLOWED.put("collectors", Set.of("core", "drivers"));
        ALLOWED.put("slo", Set.of("core"));
        ALLOWED.put("energy", Set.of("core"));
        ALLOWED.put("alerting", Set.of("core"));
        ALLOWED.put("playbooks", Set.of("core", "drivers"));
        ALLOWED.put("simulator", Set.of("core"));
        // The dashboard shows services of the engines and never calls drivers or stores directly; the engines join
        // this set as their views are built.
        ALLOWED.put("dashboard", Set.of("core", "energy", "slo"));
    }

    private static JavaClasses classes;

    /** Modules that have code today; each must be found, so a rule can never pass for want of classes. */
    private static final List<String> EXISTING =
            List.of("core", "storage", "drivers", "simulator", "collectors", "dashboard", "energy", "slo", "app");

    @BeforeAll
    static void importClasses() {
        // The modules reach this one as jars: import them, but not the test jars some of them publish.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.dcsuite");
    }

    static Stream<String> modules() {
        return ALLOWED.keySet().stream();
    }

    @Test
    void everyExistingModuleIsImported() {
        for (String module : EXISTING) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith("org.dcsuite." + module)))
                    .as("classes of module %s on the test class path", module).isTrue();
        }
        assertThat(classes.stream().anyMatch(c -> c.getSimpleName().endsWith("Test") || c.getSimpleName().endsWith("IT")))
                .as("test classes are not checked").isFalse();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void moduleDependsOnlyOnWhatTheArchitectureAllows(String module) {
        List<String> forbidden = Stream.concat(ALLOWED.keySet().stream(), Stream.of("app"))
                .filter(m -> !m.equals(module) && !ALLOWED.get(module).contains(m))
                .map(m -> "org.dcsuite." + m + "..")
                .toList();
        noClasses().that().resideInAPackage("org.dcsuite." + module + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                .because("module '" + module + "' may only use " + ALLOWED.get(module)
                        + " (see ../shared/ARCHITECTURE.md); talk to other modules through core contracts "
                        + "or event-bus messages, and wire them together in app")
                // Modules that have no code yet have nothing to check; existing ones are asserted above.
                .allowEmptyShould(!EXISTING.contains(module))
                .check(classes);
    }

    @Test
    void coreIsFreeOfInfrastructure() {
        noClasses().that().resideInAPackage("org.dcsuite.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.vertx..", "java.sql..", "javax.sql..", "org.duckdb..", "org.postgresql..",
                        "com.ghgande..", "org.snmp4j..", "com.vaadin..", "picocli..", "io.micrometer..")
                .because("core holds the domain model and contracts; infrastructure belongs in the module "
                        + "that owns it, behind a core interface")
                .check(classes);
    }

    @Test
    void dashboardViewsReadDataOnlyThroughItsDataServices() {
        noClasses().that().resideInAnyPackage("org.dcsuite.dashboard.views..", "org.dcsuite.dashboard.security..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dcsuite.core.store..",
                        "org.dcsuite.storage..", "java.sql..", "org.duckdb..", "org.postgresql..")
                .because("views never touch the store: a small service in org.dcsuite.dashboard.data reads it "
                        + "(blocking, off the UI lock) and hands the view plain records")
                .check(classes);
    }

    @Test
    void storageDoesNotUseTheEventBusOrTheWeb() {
        noClasses().that().resideInAPackage("org.dcsuite.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "picocli..")
                .because("stores are plain blocking Java (STYLE 5); the caller decides which threads run them")
                .check(classes);
    }
}
