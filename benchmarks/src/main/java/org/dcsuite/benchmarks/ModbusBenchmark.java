package org.dcsuite.benchmarks;

import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.modbus.ModbusDriver;

/**
 * Modbus polls per second through the driver (planning, one 125-register read, decoding 50 points into readings)
 * against a raw j2mod loop reading the same 125 registers from the same in-JVM j2mod TCP slave, in one run.
 * {@code java -jar dcsuite-benchmarks.jar modbus [seconds per measurement, default 3] [rounds, default 5]}.
 *
 * <p>Both sides get the same warm-up, then alternate in rounds (the side going first swapping each round), so drift
 * in the load of a shared machine hits both alike; the medians are compared.
 */
public final class ModbusBenchmark {

    private static final int REGISTERS = 125;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ModbusBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 3);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SimpleProcessImage image = new SimpleProcessImage();
        for (int i = 0; i < REGISTERS; i++) {
            image.addRegister(new SimpleRegister(i * 257));
        }
        ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(1, image);
        slave.open();
        try {
            DeviceTarget target = new DeviceTarget("bench", Endpoint.parse("modbus://127.0.0.1:" + port + "?unit=1"),
                    Optional.of("modbus-bench"), Credentials.NONE, Duration.ofSeconds(2), 1,
                    Map.of(ModbusDriver.GAP_FILL, "30"), Clock.systemUTC());
            // Warm both paths up alike, then alternate them so neither gets the quieter half of the run.
            driver(target, Duration.ofSeconds(2));
            raw(port, Duration.ofSeconds(2));
            Run[] driver = new Run[rounds];
            Run[] raw = new Run[rounds];
            StringBuilder perRound = new StringBuilder("Rounds (raw / driver polls/s, in run order):");
            for (int i = 0; i < rounds; i++) {
                if (i % 2 == 0) {
                    raw[i] = raw(port, measure);
                    driver[i] = driver(target, measure);
                } else {
                    driver[i] = driver(target, measure);
                    raw[i] = raw(port, measure);
                }
                perRound.append(String.format(Locale.ROOT, " %.0f / %.0f (%.2fx);", raw[i].pollsPerSecond(),
                        driver[i].pollsPerSecond(), driver[i].pollsPerSecond() / raw[i].pollsPerSecond()));
            }
            Run rawMedian = Run.median(raw);
            Run driverMedian = Run.median(driver);
            System.out.println("| client | polls/s (median) | polls/s (best) | user CPU us/poll (median) | vs raw |");
            System.out.println("|---|---:|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| raw j2mod loop (1 read of %d registers) | %.0f | %.0f | %.1f | 1.00x |%n",
                    REGISTERS, rawMedian.pollsPerSecond(), Run.best(raw), rawMedian.cpuMicrosPerPoll());
            System.out.printf(Locale.ROOT,
                    "| dcsuite ModbusDriver (50 points decoded) | %.0f | %.0f | %.1f | %.2fx |%n",
                    driverMedian.pollsPerSecond(), Run.best(driver), driverMedian.cpuMicrosPerPoll(),
                    driverMedian.pollsPerSecond() / rawMedian.pollsPerSecond());
            System.out.println();
            System.out.println("Server: j2mod ModbusTCPListener in the same JVM on loopback; " + rounds
                    + " alternating rounds of " + measure.toSeconds() + " s per client; "
                    + Runtime.getRuntime().availableProcessors() + " cores. User CPU is the polling thread's own,"
                    + " without the kernel's socket work, so it hardly depends on how soon the machine wakes"
                    + " the server.");
            System.out.println(perRound);
        } finally {
            ModbusSlaveFactory.close(slave);
        }
    }

    /** One measurement: throughput, and the polling thread's user-mode CPU time per poll. */
    private record Run(double pollsPerSecond, double cpuMicrosPerPoll) {

        static Run measured(long polls, long startNanos, long startCpuNanos) {
            long cpu = THREADS.getCurrentThreadUserTime() - startCpuNanos;
            return new Run(polls / ((System.nanoTime() - startNanos) / 1e9), cpu / 1e3 / polls);
        }

        /** Each column's own median (the upper one for an even count). */
        static Run median(Run[] runs) {
            double[] rates = Arrays.stream(runs).mapToDouble(Run::pollsPerSecond).sorted().toArray();
            double[] cpu = Arrays.stream(runs).mapToDouble(Run::cpuMicrosPerPoll).sorted().toArray();
            return new Run(rates[runs.length / 2], cpu[runs.length / 2]);
        }

        static double best(Run[] runs) {
            return Arrays.stream(runs).mapToDouble(Run::pollsPerSecond).max().orElseThrow();
        }
    }

    private static Run driver(DeviceTarget target, Duration duration) {
        try (DeviceSession session = new ModbusDriver().open(target)) {
            long polls = 0;
            long readings = 0;
            long startCpu = THREADS.getCurrentThreadUserTime();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            while (System.nanoTime() < end) {
                PollResult r = session.poll();
                if (!r.errors().isEmpty()) {
                    throw new IllegalStateException("benchmark poll failed: " + r.errors());
                }
                readings += r.readings().size();
                polls++;
            }
            if (readings != polls * 50) {
                throw new IllegalStateException("expected 50 readings per poll, got " + readings / polls);
            }
            return Run.measured(polls, start, startCpu);
        }
    }

    private static Run raw(int port, Duration duration) throws Exception {
        TCPMasterConnection connection = new TCPMasterConnection(InetAddress.getLoopbackAddress());
        connection.setPort(port);
        connection.setTimeout(2000);
        connection.connect();
        try {
            ModbusTCPTransaction transaction = new ModbusTCPTransaction(connection);
            transaction.setRetries(1);
            long polls = 0;
            long checksum = 0;
            long startCpu = THREADS.getCurrentThreadUserTime();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            while (System.nanoTime() < end) {
                ReadMultipleRegistersRequest request = new ReadMultipleRegistersRequest(0, REGISTERS);
                request.setUnitID(1);
                transaction.setRequest(request);
                transaction.execute();
                checksum += ((ReadMultipleRegistersResponse) transaction.getResponse()).getRegisterValue(1);
                polls++;
            }
            if (checksum != polls * 257) {
                throw new IllegalStateException("raw loop read wrong values");
            }
            return Run.measured(polls, start, startCpu);
        } finally {
            connection.close();
        }
    }
}
