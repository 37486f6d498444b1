#!/usr/bin/python3
"""net-snmp pass_persist script serving fixture walks for the SNMP driver tests.

Usage: snmp_pass_persist.py PREFIX DIR  Each DIR/*.snmpwalk holds lines as `snmpwalk -On` prints them
(".1.3.6... = TYPE: value"). Paths stay short: snmpd truncates long pass_persist lines. Only OIDs under PREFIX are served; SETs are kept in memory so a test
can read back what the driver wrote.
"""
import bisect
import glob
import os
import sys

TYPES = {"INTEGER": "integer", "Gauge32": "gauge", "Counter32": "counter", "Counter64": "counter64",
         "STRING": "string", "Timeticks": "timeticks", "OID": "objectid", "IpAddress": "ipaddress"}


def key(oid):
    return tuple(int(p) for p in oid.strip(".").split("."))


def load(prefix, files):
    values = {}
    for name in files:
        with open(name, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                oid, rest = line.split(" = ", 1)
                typ, value = rest.split(": ", 1)
                if typ == "STRING":
                    value = value.strip('"')
                if typ == "Timeticks":
                    value = value.strip("()").split(")")[0]
                if key(oid)[:len(prefix)] == prefix:
                    values[key(oid)] = (TYPES[typ], value)
    return values


def main():
    prefix = key(sys.argv[1])
    values = load(prefix, sorted(glob.glob(os.path.join(sys.argv[2], "*.snmpwalk"))))
    ordered = sorted(values)
    out = sys.stdout
    while True:
        cmd = sys.stdin.readline()
        if not cmd:
            return
        cmd = cmd.strip()
        if not cmd:
            # snmpd ends a set with an empty line that expects no answer.
            continue
        if cmd == "PING":
            out.write("PONG\n")
        elif cmd in ("get", "getnext"):
            oid = key(sys.stdin.readline().strip())
            found = None
            if cmd == "get":
                found = oid if oid in values else None
            else:
                at = bisect.bisect_right(ordered, oid)
                found = ordered[at] if at < len(ordered) else None
            if found is None:
                out.write("NONE\n")
            else:
                typ, value = values[found]
                out.write("." + ".".join(map(str, found)) + "\n" + typ + "\n" + value + "\n")
        elif cmd == "set":
            oid = key(sys.stdin.readline().strip())
            typ, value = sys.stdin.readline().strip().split(" ", 1)
            if oid not in values:
                out.write("not-writable\n")
            else:
                values[oid] = (values[oid][0], value)
                out.write("DONE\n")
        else:
            out.write("NONE\n")
        out.flush()


if __name__ == "__main__":
    main()
