package org.shangdang.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the dependencies pointing the way the data flows: source → connector → routes → index → API. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.shangdang");
    }

    @Test
    void connectorsArePlainJava() {
        noClasses().that().resideInAPackage("org.shangdang.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.camel..", "org.springframework..", "org.apache.lucene..", "co.elastic..")
                .because("a connector is a plain pull iterator of raw records that any orchestrator can drive")
                .check(classes);
    }

    @Test
    void indexerAndApiDoNotKnowCamel() {
        noClasses().that().resideInAnyPackage("org.shangdang.indexer..", "org.shangdang.api..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .because("Camel only orchestrates ingestion; search and the API must not depend on it")
                .check(classes);
    }

    @Test
    void theCanonicalRecordDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.shangdang.record..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.shangdang.connectors..", "org.shangdang.indexer..", "org.shangdang.routes..",
                        "org.shangdang.api..", "org.shangdang.fixtures..")
                .check(classes);
    }

    @Test
    void dependenciesPointDownstreamOnly() {
        noClasses().that().resideInAPackage("org.shangdang.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.shangdang.indexer..", "org.shangdang.routes..", "org.shangdang.api..")
                .check(classes);
        noClasses().that().resideInAPackage("org.shangdang.indexer..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.shangdang.connectors..", "org.shangdang.routes..", "org.shangdang.api..")
                .check(classes);
        noClasses().that().resideInAPackage("org.shangdang.routes..")
                .should().dependOnClassesThat().resideInAPackage("org.shangdang.api..")
                .check(classes);
    }

    @Test
    void productionCodeNeverUsesTheFixtureSourcesOutsideTheDemo() {
        noClasses().that().resideInAnyPackage(
                        "org.shangdang.connectors..", "org.shangdang.indexer..", "org.shangdang.routes..",
                        "org.shangdang.api.search..", "org.shangdang.api.error..", "org.shangdang.api.index..")
                .should().dependOnClassesThat().resideInAPackage("org.shangdang.fixtures..")
                .check(classes);
    }
}
