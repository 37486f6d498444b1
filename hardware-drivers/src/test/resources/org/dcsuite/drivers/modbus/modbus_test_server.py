"""A pymodbus TCP server holding what ModbusPymodbusIT expects.

usage: modbus_test_server.py PORT

Holding registers, unit 1, zero-based addresses:
  40000-40178  a SunSpec meter: SunS marker, common model 1, model 203 with scale factors, end marker
  1000-1119    each multi-register type in the four layouts ABCD, CDAB, BADC, DCBA (base 1000 + 20*type + 4*layout)
  1990-1999, 2005-2010  plain registers; 2000-2004 are absent, so reads touching them answer ILLEGAL_DATA_ADDRESS
Values are written here from their definitions with struct, independently of the Java decoder.
"""
import struct
import sys

from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
from pymodbus.server import StartTcpServer

TYPES = [  # (struct format, value), in the order of the test profile
    (">i", -123456789),
    (">I", 3000000000),
    (">f", -1234.5),
    (">q", -1234567890123),
    (">Q", 1234567890123456),
    (">d", 3.141592653589793),
]


def words(data):
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


def swap_bytes(ws):
    return [((w & 0xFF) << 8) | (w >> 8) for w in ws]


def layouts(data):
    abcd = words(data)
    return [abcd, list(reversed(abcd)), swap_bytes(abcd), swap_bytes(list(reversed(abcd)))]  # ABCD CDAB BADC DCBA


def string(text, registers):
    raw = text.encode("ascii").ljust(registers * 2, b"\0")
    return words(raw)


def s16(v):
    return v & 0xFFFF


def u32(v):
    return [(v >> 16) & 0xFFFF, v & 0xFFFF]


def sunspec():
    common = string("dcsuite", 16) + string("pymodbus-meter", 16) + string("", 8) + string("1.0", 8) \
        + string("SN123", 16) + [1, 0]
    assert len(common) == 66
    m = [0] * 105
    m[0:5] = [1234, 400, 410, 424, s16(-2)]              # A, AphA-C, A_SF
    m[5:14] = [2301, 2300, 2302, 2301, 0, 0, 0, 0, s16(-1)]  # PhV, PhVphA-C, PPV..., V_SF
    m[14:16] = [5000, s16(-2)]                           # Hz, Hz_SF
    m[16:21] = [2845, 950, 940, 0x8000, 0]               # W, WphA-C (C not implemented), W_SF
    m[21:26] = [3000, 0, 0, 0, 0]                        # VA, ..., VA_SF
    m[26:31] = [s16(-120), 0, 0, 0, 0]                   # VAR, ..., VAR_SF
    m[31:36] = [95, 0, 0, 0, 0]                          # PF, ..., PF_SF
    m[36:38] = u32(123456)                               # TotWhExp
    m[44:46] = u32(654321)                               # TotWhImp
    m[52] = 1                                            # TotWh_SF
    m[103:105] = u32((1 << 2) | (1 << 5))                # Evt: power failure, over current
    return [0x5375, 0x6E53, 1, 66] + common + [203, 105] + m + [0xFFFF, 0]


def main():
    port = int(sys.argv[1])
    values = {}
    for i, w in enumerate(sunspec()):
        values[40000 + i] = w
    for t, (fmt, value) in enumerate(TYPES):
        for o, ws in enumerate(layouts(struct.pack(fmt, value))):
            for i, w in enumerate(ws):
                values[1000 + 20 * t + 4 * o + i] = w
    for a in list(range(1990, 2000)) + list(range(2005, 2011)):
        values[a] = a - 1000  # 990-999 and 1005-1010
    hr = ModbusSparseDataBlock(values)
    slave = ModbusSlaveContext(hr=hr, ir=ModbusSparseDataBlock({0: 0}), co=ModbusSparseDataBlock({0: 0}),
                               di=ModbusSparseDataBlock({0: 0}), zero_mode=True)
    context = ModbusServerContext(slaves={1: slave}, single=False)
    StartTcpServer(context=context, address=("127.0.0.1", port))


if __name__ == "__main__":
    main()
