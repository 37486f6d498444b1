package org.dcsuite.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every function code and exception path of the request handler, on a small map with every table. */
class ModbusPduHandlerTest {

    /** Coils 10-25, discrete inputs 0-2, input registers 5-6, holding registers 0-3 (writable when even). */
    private static final class TestMap implements ModbusRegisterMap {
        final int[] coils = new int[16];
        final int[] holding = {11, 22, 33, 44};

        @Override
        public ModbusRegisterBlock read(ModbusTable table) {
            return switch (table) {
                case COIL -> new ModbusRegisterBlock(10, coils.clone());
                case DISCRETE -> new ModbusRegisterBlock(0, new int[] {1, 0, 1});
                case INPUT -> new ModbusRegisterBlock(5, new int[] {0xABCD, 0x0102});
                case HOLDING -> new ModbusRegisterBlock(0, holding.clone());
            };
        }

        @Override
        public void writeRegisters(int address, int[] values) throws SimModbusException {
            for (int v : values) {
                if (v % 2 != 0) {
                    throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_VALUE, "odd");
                }
            }
            System.arraycopy(values, 0, holding, address, values.length);
        }

        @Override
        public void writeCoils(int address, boolean[] values) {
            for (int i = 0; i < values.length; i++) {
                coils[address - 10 + i] = values[i] ? 1 : 0;
            }
        }
    }

    private final TestMap map = new TestMap();
    private final ModbusPduHandler handler = new ModbusPduHandler("dev", map);

    private byte[] handle(int... pdu) {
        byte[] bytes = new byte[pdu.length];
        for (int i = 0; i < pdu.length; i++) {
            bytes[i] = (byte) pdu[i];
        }
        return handler.handle(bytes);
    }

    private static int[] unsigned(byte[] bytes) {
        return IntStream.range(0, bytes.length).map(i -> bytes[i] & 0xFF).toArray();
    }

    @Test
    void readsBitsPackedLowBitFirst() {
        map.coils[1] = 1;
        map.coils[9] = 1;
        assertThat(unsigned(handle(0x01, 0, 10, 0, 10))).containsExactly(0x01, 2, 0b10, 0b10);
        assertThat(unsigned(handle(0x02, 0, 0, 0, 3))).containsExactly(0x02, 1, 0b101);
    }

    @Test
    void readsRegistersBigEndian() {
        assertThat(unsigned(handle(0x03, 0, 1, 0, 2))).containsExactly(0x03, 4, 0, 22, 0, 33);
        assertThat(unsigned(handle(0x04, 0, 5, 0, 2))).containsExactly(0x04, 4, 0xAB, 0xCD, 0x01, 0x02);
    }

    @Test
    void writesAndEchoes() {
        assertThat(unsigned(handle(0x05, 0, 12, 0xFF, 0))).containsExactly(0x05, 0, 12, 0xFF, 0);
        assertThat(map.coils[2]).isEqualTo(1);
        assertThat(unsigned(handle(0x0F, 0, 20, 0, 3, 1, 0b101))).containsExactly(0x0F, 0, 20, 0, 3);
        assertThat(Arrays.copyOfRange(map.coils, 10, 13)).containsExactly(1, 0, 1);
        assertThat(unsigned(handle(0x06, 0, 3, 0, 8))).containsExactly(0x06, 0, 3, 0, 8);
        assertThat(unsigned(handle(0x10, 0, 0, 0, 2, 4, 0, 2, 0, 4))).containsExactly(0x10, 0, 0, 0, 2);
        assertThat(map.holding).containsExactly(2, 4, 33, 8);
    }

    @Test
    void unknownFunctionsAreIllegalFunction() {
        assertThat(unsigned(handle(0x2B, 0x0E, 1, 0))).containsExactly(0xAB, 0x01);
        assertThat(unsigned(handle(0x07))).containsExactly(0x87, 0x01);
        assertThat(unsigned(handle())).containsExactly(0x80, 0x01);
    }

    @Test
    void addressesOutsideATableAreIllegalDataAddress() {
        assertThat(unsigned(handle(0x03, 0, 3, 0, 2))).containsExactly(0x83, 0x02);
        assertThat(unsigned(handle(0x04, 0, 4, 0, 1))).containsExactly(0x84, 0x02);
        assertThat(unsigned(handle(0x01, 0, 9, 0, 1))).containsExactly(0x81, 0x02);
        assertThat(unsigned(handle(0x02, 0xFF, 0xFF, 0, 2))).containsExactly(0x82, 0x02);
        assertThat(unsigned(handle(0x06, 0, 4, 0, 2))).containsExactly(0x86, 0x02);
        assertThat(unsigned(handle(0x05, 0, 26, 0, 0))).containsExactly(0x85, 0x02);
    }

    @Test
    void badQuantitiesValuesAndLengthsAreIllegalDataValue() {
        assertThat(unsigned(handle(0x03, 0, 0, 0, 0))).containsExactly(0x83, 0x03);
        assertThat(unsigned(handle(0x03, 0, 0, 0, 126))).containsExactly(0x83, 0x03);
        assertThat(unsigned(handle(0x01, 0, 10, 0x07, 0xD1))).containsExactly(0x81, 0x03);
        assertThat(unsigned(handle(0x05, 0, 10, 0x12, 0x34))).containsExactly(0x85, 0x03);
        assertThat(unsigned(handle(0x06, 0, 0, 0, 3))).containsExactly(0x86, 0x03);
        assertThat(unsigned(handle(0x03, 0, 0, 0))).containsExactly(0x83, 0x03);
        assertThat(unsigned(handle(0x10, 0, 0, 0, 2, 3, 0, 2, 0))).containsExactly(0x90, 0x03);
        assertThat(unsigned(handle(0x10, 0, 0, 0, 1, 2, 0))).containsExactly(0x90, 0x03);
        assertThat(unsigned(handle(0x0F, 0, 10, 0, 9, 1, 0xFF))).containsExactly(0x8F, 0x03);
        assertThat(map.holding).containsExactly(11, 22, 33, 44);
    }
}
