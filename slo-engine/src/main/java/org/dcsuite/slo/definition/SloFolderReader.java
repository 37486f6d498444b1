package org.dcsuite.slo.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dcsuite.core.config.ConfigFile;
import org.dcsuite.core.config.ConfigProblem;
import org.dcsuite.core.config.Fields;
import org.dcsuite.core.config.YamlNode;

/**
 * Reads {@code slos/*.yaml} under a configuration folder: each file is either native
 * ({@code version: dcsuite/v1}) or a stream of OpenSLO v1 documents. Every problem of every file is
 * collected, then references across files are resolved.
 */
public final class SloFolderReader {

    public static final String FOLDER = "slos";

    /** What the folder defines, in file order. */
    public record Contents(List<SloDefinition> slos, List<CompositeSlo> composites) {
        public Contents {
            slos = List.copyOf(slos);
            composites = List.copyOf(composites);
        }
    }

    private SloFolderReader() {
    }

    /** Reads the folder; problems are added to {@code problems} with paths relative to {@code configDir}. */
    public static Contents read(Path configDir, List<ConfigProblem> problems) {
        Path folder = configDir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return new Contents(List.of(), List.of());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            problems.add(new ConfigProblem(Path.of(FOLDER), 0, 0, "", "cannot list the folder: "
                    + e.getClass().getSimpleName()));
            return new Contents(List.of(), List.of());
        }
        OpenSloDocuments openSlo = new OpenSloDocuments();
        List<NativeSloFile> natives = new ArrayList<>();
        for (Path path : files) {
            ConfigFile file = new ConfigFile(configDir.relativize(path), problems);
            List<YamlNode> documents = file.documents(path);
            if (documents.isEmpty()) {
                continue;
            }
            if (documents.size() == 1 && !OpenSloDocuments.isOpenSlo(documents.get(0))) {
                NativeSloFile nativeFile = new NativeSloFile();
                file.open(path, NativeSloFile.TOP_LEVEL).ifPresent(nativeFile::read);
                natives.add(nativeFile);
            } else {
                documents.forEach(d -> openSlo.add(file, d));
            }
        }
        List<SloDefinition> slos = new ArrayList<>(openSlo.resolve());
        List<CompositeSlo> composites = new ArrayList<>();
        for (NativeSloFile n : natives) {
            for (NativeSloFile.Draft d : n.slos) {
                policy(d.fields(), d.policyName(), openSlo).ifPresent(p -> slos.add(withPolicy(d.withDefaultPolicy(), p)));
            }
        }
        List<NativeSloFile.SharedExclusion> shared = natives.stream().flatMap(n -> n.exclusions.stream()).toList();
        slos.replaceAll(s -> withExclusions(s, shared));
        Map<String, SloDefinition> byName = new HashMap<>();
        for (SloDefinition s : slos) {
            SloDefinition first = byName.putIfAbsent(s.name(), s);
            if (first != null) {
                problems.add(problemAt(s.source(), "name", "SLO '" + s.name() + "' is already defined at "
                        + first.source()));
            }
        }
        for (NativeSloFile n : natives) {
            for (NativeSloFile.CompositeDraft d : n.composites) {
                composite(d, byName, openSlo).ifPresent(composites::add);
            }
        }
        return new Contents(slos, composites);
    }

    private static Optional<AlertPolicy> policy(Fields f, Optional<String> name, OpenSloDocuments openSlo) {
        if (name.isEmpty() || name.get().equals(DefaultAlertPolicy.NAME)) {
            return Optional.of(DefaultAlertPolicy.get());
        }
        Optional<AlertPolicy> policy = openSlo.policy(name.get());
        if (policy.isEmpty()) {
            f.problem("alert_policy", "no AlertPolicy named '" + name.get() + "' in slos/*.yaml (or use "
                    + DefaultAlertPolicy.NAME + ")");
        }
        return policy;
    }

    private static Optional<CompositeSlo> composite(NativeSloFile.CompositeDraft d, Map<String, SloDefinition> slos,
            OpenSloDocuments openSlo) {
        CompositeSlo c = d.withDefaultPolicy();
        boolean ok = true;
        for (CompositeSlo.Component component : c.components()) {
            if (!slos.containsKey(component.slo())) {
                d.fields().problem("components", "no SLO named '" + component.slo() + "' (components are SLOs, "
                        + "not composites)");
                ok = false;
            }
        }
        Optional<AlertPolicy> policy = policy(d.fields(), d.policyName(), openSlo);
        if (!ok || policy.isEmpty()) {
            return Optional.empty();
        }
        String service = c.service().isEmpty() ? slos.get(c.components().get(0).slo()).service() : c.service();
        return Optional.of(new CompositeSlo(c.name(), service, c.objective(), c.mode(), c.components(), policy.get(),
                c.source()));
    }

    private static SloDefinition withPolicy(SloDefinition s, AlertPolicy policy) {
        return new SloDefinition(s.name(), s.service(), s.description(), s.sli(), s.method(), s.objective(),
                s.timeSlice(), s.timeSliceTarget(), s.window(), policy, s.exclusions(), s.minEvents(), s.source());
    }

    private static SloDefinition withExclusions(SloDefinition s, List<NativeSloFile.SharedExclusion> shared) {
        List<Exclusion> all = new ArrayList<>(s.exclusions());
        shared.stream().filter(e -> e.appliesTo(s)).forEach(e -> all.add(e.exclusion()));
        if (all.size() == s.exclusions().size()) {
            return s;
        }
        return new SloDefinition(s.name(), s.service(), s.description(), s.sli(), s.method(), s.objective(),
                s.timeSlice(), s.timeSliceTarget(), s.window(), s.alertPolicy(), all, s.minEvents(), s.source());
    }

    /** Sources read {@code slos/a.yaml:12}. */
    private static ConfigProblem problemAt(String source, String field, String message) {
        int colon = source.lastIndexOf(':');
        return new ConfigProblem(Path.of(source.substring(0, colon)), Integer.parseInt(source.substring(colon + 1)),
                1, field, message);
    }
}
