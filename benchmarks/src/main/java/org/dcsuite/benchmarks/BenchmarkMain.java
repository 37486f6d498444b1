package org.dcsuite.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@code java -jar dcsuite-benchmarks.jar NAME [ARGS]} runs {@code org.dcsuite.benchmarks.<Name>Benchmark} or, for
 * benchmarks with a package of their own, {@code org.dcsuite.benchmarks.<name>.<Name>Benchmark}: {@code store},
 * {@code modbus}, {@code snmp}, {@code simulator}, {@code collectors}, {@code otlp}, ...
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    private static Class<?> find(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: java -jar dcsuite-benchmarks.jar NAME [ARGS], NAME one of store, modbus, snmp, "
                    + "simulator, collectors, otlp, dashboard, slo, energy");
            System.exit(2);
        }
        String lower = args[0].toLowerCase(Locale.ROOT);
        String name = lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
        Class<?> benchmark = find("org.dcsuite.benchmarks." + name + "Benchmark");
        if (benchmark == null) {
            benchmark = find("org.dcsuite.benchmarks." + lower + "." + name + "Benchmark");
        }
        if (benchmark == null) {
            System.err.println("unknown benchmark '" + args[0] + "'");
            System.exit(2);
            return;
        }
        try {
            benchmark.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
