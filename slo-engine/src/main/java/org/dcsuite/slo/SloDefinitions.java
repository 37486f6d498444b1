package org.dcsuite.slo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigProblem;
import org.dcsuite.slo.definition.CompositeSlo;
import org.dcsuite.slo.definition.SloDefinition;
import org.dcsuite.slo.definition.SloFolderReader;

/** The SLOs of a configuration folder ({@code slos/*.yaml}), validated. */
public final class SloDefinitions {

    private final List<SloDefinition> slos;
    private final List<CompositeSlo> composites;

    private SloDefinitions(List<SloDefinition> slos, List<CompositeSlo> composites) {
        this.slos = List.copyOf(slos);
        this.composites = List.copyOf(composites);
    }

    /**
     * Reads {@code configDir/slos/*.yaml}, OpenSLO v1 documents and the native form; a missing {@code slos}
     * folder means no SLOs.
     *
     * @throws ConfigException listing every problem as FILE:LINE:COLUMN: FIELD: MESSAGE
     */
    public static SloDefinitions load(Path configDir) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        SloFolderReader.Contents contents = SloFolderReader.read(configDir, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new SloDefinitions(contents.slos(), contents.composites());
    }

    /** Definitions built in code, for tests and benchmarks. */
    public static SloDefinitions of(List<SloDefinition> slos, List<CompositeSlo> composites) {
        return new SloDefinitions(Objects.requireNonNull(slos), Objects.requireNonNull(composites));
    }

    /** The plain SLOs, in file order. */
    public List<SloDefinition> all() {
        return slos;
    }

    public List<CompositeSlo> composites() {
        return composites;
    }

    public boolean isEmpty() {
        return slos.isEmpty() && composites.isEmpty();
    }

    /** "3 SLOs, 1 composite", for validate and start-up logs. */
    public String summary() {
        return slos.size() + (slos.size() == 1 ? " SLO" : " SLOs") + ", " + composites.size()
                + (composites.size() == 1 ? " composite" : " composites");
    }
}
