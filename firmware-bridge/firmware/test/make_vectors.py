#!/usr/bin/env python3
"""Writes test/vectors.txt: frames of protocol version 2 as field values, frame bytes and wire bytes,
and the frames of version 1 that version 2 still handles in the handshake.

A third, independent implementation of PROTOCOL.md (struct packing, bitwise CRCs, a textbook COBS),
so that the C and the Java tests are checked against something neither of them produced. Run it only
when the protocol changes: python3 test/make_vectors.py > test/vectors.txt
"""
import math
import struct

TYPES = {"HELLO": 0x01, "CONFIG": 0x02, "COMMAND": 0x03, "RESET": 0x04, "PING": 0x05, "SAFE": 0x06,
         "IDENTITY": 0x81, "STATE": 0x82, "PONG": 0x83, "ACK": 0x84, "FAULT": 0x85}


VERSION = 2


def crc32c(data):
    """CRC-32C: reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF."""
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def crc16(data):
    """Protocol version 1's check, CRC-16/CCITT-FALSE: only for the version 1 frames below."""
    crc = 0xFFFF
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def cobs(data):
    out = bytearray([0])
    code_at, code = 0, 1
    for b in data:
        if b == 0:
            out[code_at] = code
            code_at, code = len(out), 1
            out.append(0)
        else:
            out.append(b)
            code += 1
    out[code_at] = code
    return bytes(out)


def payload(t, f):
    if t == "HELLO":
        return struct.pack("<BB", f["version"], f["reserved"])
    if t == "CONFIG":
        return struct.pack("<HBB", f["watchdog_ms"], f["divider"], f["flags"])
    if t == "COMMAND":
        return struct.pack("<%dh" % len(f["actuators"]), *f["actuators"])
    if t == "RESET":
        return struct.pack("<4f", *f["state"])
    if t == "PING":
        return struct.pack("<I", f["token"])
    if t == "SAFE":
        return b""
    if t == "IDENTITY":
        name = f["name"].encode("ascii").ljust(12, b"\0")
        return (struct.pack("<BBBBHIBBHBB", f["version"], *f["firmware"], f["capabilities"], f["tick_us"],
                            len(f["sensor_scale"]), len(f["actuator_scale"]), f["watchdog_ms"], f["reset_cause"], 0)
                + name + struct.pack("<%df" % len(f["sensor_scale"]), *f["sensor_scale"])
                + struct.pack("<%df" % len(f["actuator_scale"]), *f["actuator_scale"]))
    if t == "STATE":
        p = struct.pack("<IHBB", f["time_us"], f["command_seq"], f["flags"], f["episode"])
        p += struct.pack("<%dh" % len(f["outputs"]), *f["outputs"])
        p += struct.pack("<%di" % len(f["sensors"]), *f["sensors"])
        if f["flags"] & 0x08:
            p += struct.pack("<%df" % len(f["truth"]), *f["truth"])
        return p
    if t == "PONG":
        return struct.pack("<IIHH", f["token"], f["time_us"], f["rx_rejected"], f["rx_lost"])
    if t == "ACK":
        return struct.pack("<BHB", f["acked_type"], f["acked_seq"], f["result"])
    if t == "FAULT":
        return struct.pack("<BBH", f["code"], f["raised"], f["detail"])
    raise ValueError(t)


def fmt(v):
    if isinstance(v, list):
        return ",".join(fmt(x) for x in v)
    if isinstance(v, tuple):
        return ".".join(str(x) for x in v)
    if isinstance(v, float):
        return repr(struct.unpack("<f", struct.pack("<f", v))[0])
    return str(v)


def checked(frame, v1=False):
    """The frame followed by its check: a CRC-32C, or version 1's CRC-16."""
    return frame + (struct.pack("<H", crc16(frame)) if v1 else struct.pack("<I", crc32c(frame)))


def vector(vname, t, seq, kind="frame", **fields):
    p = payload(t, fields)
    frame = checked(bytes([TYPES[t], len(p)]) + struct.pack("<H", seq) + p, kind == "v1-frame")
    wire = cobs(frame) + b"\0"
    text = " ".join("%s=%s" % (k, fmt(v)) for k, v in fields.items())
    print("%s | %s | type=%s seq=%d%s | %s | %s" % (kind, vname, t, seq, " " + text if text else "", frame.hex(),
                                                    wire.hex()))


def reject(vname, reason, wire, receiver="reject"):
    print("%s | %s | %s | %s" % (receiver, vname, reason, wire.hex()))


print("# Shared test vectors for protocol version 2 (PROTOCOL.md), written by test/make_vectors.py.")
print("# crc | ascii input | CRC-32C as hex")
print("# cobs | decoded hex | stuffed hex (no delimiter)")
print("# frame | name | fields (type and seq first) | frame hex (header, payload, crc) | wire hex (COBS + 00)")
print("# reject | name | reason | wire hex: every receiver must drop it and count it under reason")
print("# reject-host, reject-device: the same, for that receiver only (the types each end receives differ)")
print("# v1-frame: as frame, in protocol version 1's layout (a CRC-16), for the handshake between versions:")
print("#   HELLO carrying 2: a version 2 host's probe; a version 2 device drops it without counting it")
print("#   HELLO carrying 1: a version 1 host's; a version 2 device answers the IDENTITY carrying 2")
print("#   IDENTITY carrying 1: a version 1 device's; a version 2 host drops it and names its version")
print("crc | 123456789 | %08x" % crc32c(b"123456789"))
print("crc | neurorig | %08x" % crc32c(b"neurorig"))
for dec in [b"\x00", b"\x00\x00", b"\x11\x22\x00\x33", b"\x11\x22\x33\x44", b"\x11\x00\x00\x00", bytes(range(1, 62))]:
    print("cobs | %s | %s" % (dec.hex(), cobs(dec).hex()))

tau = 2 * math.pi
vector("hello", "HELLO", 0, version=VERSION, reserved=0)
vector("config", "CONFIG", 1, watchdog_ms=100, divider=1, flags=1)
vector("config_lockstep", "CONFIG", 1, watchdog_ms=500, divider=1, flags=3)
vector("command_positive", "COMMAND", 2, actuators=[16384])
vector("command_negative_full", "COMMAND", 65535, actuators=[-32767])
vector("command_two", "COMMAND", 0x1234, actuators=[0, -1])
vector("reset", "RESET", 3, state=[0.0, -0.5, 0.03125, 0.25])
vector("ping", "PING", 4, token=0xDEADBEEF)
vector("safe", "SAFE", 5)
CARTPOLE_EMU = dict(firmware=(1, 0, 0), capabilities=0x001D, tick_us=20000, watchdog_ms=100, reset_cause=1,
                    name="cartpole-emu", sensor_scale=[1e-4, 1e-4, tau / 2400, tau / 2400], actuator_scale=[10.0])
vector("identity_cartpole_emu", "IDENTITY", 0, version=VERSION, **CARTPOLE_EMU)
vector("identity_rig", "IDENTITY", 7, version=VERSION, firmware=(1, 2, 3), capabilities=0x0006, tick_us=5000,
       watchdog_ms=250, reset_cause=8, name="cartpole-rig", sensor_scale=[1.6666666e-5, 1.6666666e-5, tau / 2400,
       tau / 2400], actuator_scale=[1.0])
vector("state_truth", "STATE", 42, time_us=123456789, command_seq=41, flags=0x08, episode=3, outputs=[-128],
       sensors=[1234, -50, -60, 2400], truth=[0.1234, -0.0025, -0.15625, 6.25])
vector("state_safe_watchdog", "STATE", 0xFFFF, time_us=0xFFFFFFF0, command_seq=0, flags=0x03, episode=0,
       outputs=[0], sensors=[0, 0, 0, 0], truth=[])
vector("state_terminated_reset", "STATE", 0, time_us=20000, command_seq=65535, flags=0x1C, episode=255,
       outputs=[255], sensors=[-24001, 0, 80, -400], truth=[-2.4001, 0.0, 0.2094, -1.0])
vector("pong", "PONG", 9, token=0xDEADBEEF, time_us=1000000, rx_rejected=3, rx_lost=65535)
vector("ack_ok", "ACK", 10, acked_type=0x02, acked_seq=1, result=0)
vector("ack_bad_value", "ACK", 11, acked_type=0x04, acked_seq=300, result=2)
vector("fault_watchdog", "FAULT", 12, code=1, raised=1, detail=120)
vector("fault_cleared", "FAULT", 13, code=1, raised=0, detail=0)

vector("hello_probe", "HELLO", 0, "v1-frame", version=VERSION, reserved=0)
vector("hello_from_version_1", "HELLO", 0, "v1-frame", version=1, reserved=0)
vector("identity_cartpole_emu_for_version_1", "IDENTITY", 0, "v1-frame", version=VERSION, **CARTPOLE_EMU)
vector("identity_cartpole_emu_of_version_1", "IDENTITY", 0, "v1-frame", version=1, **CARTPOLE_EMU)

hello = checked(bytes([1, 2, 0, 0, VERSION, 0]))
bad_crc = bytearray(hello)
bad_crc[-1] ^= 0x01
reject("crc_flipped", "CRC", cobs(bytes(bad_crc)) + b"\0")
bad_len = checked(bytes([1, 3, 0, 0, VERSION, 0]))
reject("len_field_mismatch", "LENGTH", cobs(bad_len) + b"\0")
reject("too_short", "LENGTH", cobs(b"\x01\x00\x00\x00\x00") + b"\0")
reject("too_long", "LENGTH", bytes([0x11] * 66) + b"\0")
reject("cobs_points_past_end", "COBS", bytes([0x05, 0x11, 0x22]) + b"\0")
reject("unknown_type", "UNKNOWN_TYPE", cobs(checked(bytes([0x7F, 0, 1, 0]))) + b"\0")
# a version 1 frame of a type no version 2 end knows in that layout: an error like any other
reject("version_1_ping", "LENGTH", cobs(checked(bytes([0x05, 4, 1, 0, 1, 2, 3, 4]), v1=True)) + b"\0")
reject("state_too_short_for_type", "LENGTH", cobs(checked(bytes([0x82, 4, 2, 0, 1, 2, 3, 4]))) + b"\0", "reject-host")
odd_command = checked(bytes([0x03, 3, 2, 0, 1, 2, 3]))
reject("command_odd_length", "LENGTH", cobs(odd_command) + b"\0", "reject-device")
reject("command_received_by_host", "UNKNOWN_TYPE", cobs(odd_command) + b"\0", "reject-host")
