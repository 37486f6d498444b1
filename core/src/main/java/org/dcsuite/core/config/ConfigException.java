package org.dcsuite.core.config;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid; the message lists every problem, one per line, ordered by file and line. */
public final class ConfigException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().sorted().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = problems.stream().sorted().toList();
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
