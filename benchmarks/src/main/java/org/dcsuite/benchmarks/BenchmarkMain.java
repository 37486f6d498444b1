package org.dcsuite.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@code java -jar dcsuite-benchmarks.jar NAME [ARGS]} runs {@code org.dcsuite.benchmarks.<Name>Benchmark}:
 * {@code store}, {@code modbus}, {@code snmp}, ...
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: java -jar dcsuite-benchmarks.jar store|modbus|snmp [ARGS]");
            System.exit(2);
        }
        String name = args[0].substring(0, 1).toUpperCase(Locale.ROOT) + args[0].substring(1).toLowerCase(Locale.ROOT);
        Class<?> benchmark;
        try {
            benchmark = Class.forName("org.dcsuite.benchmarks." + name + "Benchmark");
        } catch (ClassNotFoundException e) {
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
