package org.dcsuite.benchmarks;

import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
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
 * {@code java -jar dcsuite-benchmarks.jar modbus [seconds per measurement, default 5]}.
 */
public final class ModbusBenchmark {

    private static final int REGISTERS = 125;

    private ModbusBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
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
            // Warm both paths up, then measure each twice, interleaved, and keep the better run of each.
            driver(target, Duration.ofSeconds(2));
            raw(port, Duration.ofSeconds(2));
            double driver = Math.max(driver(target, measure), driver(target, measure));
            double raw = Math.max(raw(port, measure), raw(port, measure));
            System.out.println("| client | polls/s | registers/s | vs raw |");
            System.out.println("|---|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| raw j2mod loop (1 read of %d registers) | %.0f | %.0f | 1.00x |%n",
                    REGISTERS, raw, raw * REGISTERS);
            System.out.printf(Locale.ROOT, "| dcsuite ModbusDriver (50 points decoded) | %.0f | %.0f | %.2fx |%n",
                    driver, driver * REGISTERS, driver / raw);
            System.out.println();
            System.out.println("Server: j2mod ModbusTCPListener in the same JVM on loopback; " + measure.toSeconds()
                    + " s per measurement, best of two; " + Runtime.getRuntime().availableProcessors() + " cores.");
        } finally {
            ModbusSlaveFactory.close(slave);
        }
    }

    private static double driver(DeviceTarget target, Duration duration) {
        try (DeviceSession session = new ModbusDriver().open(target)) {
            long polls = 0;
            long readings = 0;
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
            return polls / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double raw(int port, Duration duration) throws Exception {
        TCPMasterConnection connection = new TCPMasterConnection(InetAddress.getLoopbackAddress());
        connection.setPort(port);
        connection.setTimeout(2000);
        connection.connect();
        try {
            ModbusTCPTransaction transaction = new ModbusTCPTransaction(connection);
            transaction.setRetries(1);
            long polls = 0;
            long checksum = 0;
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
            return polls / ((System.nanoTime() - start) / 1e9);
        } finally {
            connection.close();
        }
    }
}
