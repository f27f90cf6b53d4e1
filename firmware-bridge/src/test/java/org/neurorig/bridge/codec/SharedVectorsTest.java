package org.neurorig.bridge.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared vectors (firmware/test/vectors.txt, written by an independent Python implementation and
 * also checked by the firmware's C tests): wire bytes decode to the frame bytes and to the fields, and
 * the fields encode to the same wire bytes.
 */
class SharedVectorsTest {

    static final Path VECTORS = Path.of("firmware", "test", "vectors.txt");
    private static final HexFormat HEX = HexFormat.of();

    record Vector(String kind, String name, String a, String b, String c) {
        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    static List<Vector> all() throws IOException {
        List<Vector> out = new ArrayList<>();
        for (String line : Files.readAllLines(VECTORS, StandardCharsets.US_ASCII)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split("\\|", -1);
            for (int i = 0; i < p.length; i++) {
                p[i] = p[i].strip();
            }
            out.add(switch (p[0]) {
                case "crc", "cobs" -> new Vector(p[0], p[1], p[1], p[2], null);
                case "frame", "v1-frame" -> new Vector(p[0], p[1], p[2], p[3], p[4]);
                default -> new Vector(p[0], p[1], p[2], p[3], null);
            });
        }
        return out;
    }

    static Stream<Vector> kind(String... kinds) throws IOException {
        List<String> k = List.of(kinds);
        return all().stream().filter(v -> k.contains(v.kind()));
    }

    static Stream<Vector> frames() throws IOException {
        return kind("frame");
    }

    static Stream<Vector> versionOneFrames() throws IOException {
        return kind("v1-frame");
    }

    static Stream<Vector> hostRejects() throws IOException {
        return kind("reject", "reject-host");
    }

    static Stream<Vector> deviceRejects() throws IOException {
        return kind("reject", "reject-device");
    }

    @Test
    void theFileHoldsEveryMessageType() throws IOException {
        List<Vector> frames = frames().toList();
        for (String type : List.of("HELLO", "CONFIG", "COMMAND", "RESET", "PING", "SAFE", "IDENTITY", "STATE", "PONG",
                "ACK", "FAULT")) {
            assertTrue(frames.stream().anyMatch(v -> v.a().startsWith("type=" + type + " ")
                    || v.a().equals("type=" + type)), "no vector for " + type);
        }
        assertTrue(kind("reject", "reject-host", "reject-device").count() >= 8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void crcAndCobs(Vector v) {
        if (v.kind().equals("crc")) {
            byte[] ascii = v.a().getBytes(StandardCharsets.US_ASCII);
            assertEquals(Integer.parseUnsignedInt(v.b(), 16), new FrameCheck().compute(ascii, 0, ascii.length));
        } else if (v.kind().equals("cobs")) {
            byte[] decoded = HEX.parseHex(v.a());
            byte[] encoded = HEX.parseHex(v.b());
            byte[] out = new byte[decoded.length + 1];
            assertEquals(encoded.length, Cobs.encode(decoded, 0, decoded.length, out, 0));
            assertArrayEquals(encoded, out);
            byte[] back = encoded.clone();
            assertEquals(decoded.length, Cobs.decode(back, 0, back.length, back, 0), "in place");
            assertArrayEquals(decoded, Arrays.copyOf(back, decoded.length));
        }
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : text.split(" ")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    private static long num(Map<String, String> f, String key) {
        return Long.decode(f.get(key));
    }

    private static long[] ints(Map<String, String> f, String key) {
        String v = f.get(key);
        return v.isEmpty() ? new long[0] : Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
    }

    private static float[] floats(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v.isEmpty()) {
            return new float[0];
        }
        String[] parts = v.split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i]);
        }
        return out;
    }

    private static int typeCode(String name) {
        for (int t = 0; t < 256; t++) {
            if (Protocol.typeName(t).equals(name)) {
                return t;
            }
        }
        throw new AssertionError("unknown type " + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void wireDecodesToTheFrameAndItsFields(Vector v) {
        Map<String, String> f = fields(v.a());
        int type = typeCode(f.get("type"));
        byte[] frame = HEX.parseHex(v.b());
        byte[] wire = HEX.parseHex(v.c());
        FrameDecoder decoder = (type & 0x80) != 0 ? FrameDecoder.forHost() : FrameDecoder.forDevice(
                type == Protocol.COMMAND ? ints(f, "actuators").length : 1);
        for (int i = 0; i < wire.length - 1; i++) {
            assertFalse(decoder.push(wire[i]), "frame ended early");
        }
        assertTrue(decoder.push(wire[wire.length - 1]), () -> "rejected: " + decoder.counters());
        assertEquals(frame.length, decoder.frameLength());
        assertArrayEquals(frame, Arrays.copyOf(decoder.frame(), frame.length));
        checkFields(type, f, decoder.frame());
    }

    private static void checkFields(int type, Map<String, String> f, byte[] frame) {
        assertEquals(num(f, "seq"), new AckFrame().wrap(frame).seq());
        switch (type) {
            case Protocol.HELLO -> {
                HelloFrame h = new HelloFrame().wrap(frame);
                assertEquals(num(f, "version"), h.version());
                assertEquals(num(f, "reserved"), h.reserved());
            }
            case Protocol.CONFIG -> {
                ConfigFrame c = new ConfigFrame().wrap(frame);
                assertEquals(num(f, "watchdog_ms"), c.watchdogMs());
                assertEquals(num(f, "divider"), c.stateDivider());
                assertEquals(num(f, "flags"), c.flags());
            }
            case Protocol.COMMAND -> {
                CommandFrame c = new CommandFrame().wrap(frame);
                long[] want = ints(f, "actuators");
                assertEquals(want.length, c.actuatorCount());
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], c.actuator(i));
                }
            }
            case Protocol.RESET -> {
                ResetFrame r = new ResetFrame().wrap(frame);
                float[] want = floats(f, "state");
                for (int i = 0; i < 4; i++) {
                    assertEquals(want[i], r.state(i));
                }
            }
            case Protocol.PING -> assertEquals(num(f, "token"), new PingFrame().wrap(frame).token());
            case Protocol.SAFE -> assertEquals(0, new AckFrame().wrap(frame).payloadLength());
            case Protocol.IDENTITY -> {
                IdentityFrame id = new IdentityFrame().wrap(frame);
                assertEquals(num(f, "version"), id.version());
                assertEquals(f.get("firmware"), id.firmwareMajor() + "." + id.firmwareMinor() + "." + id.firmwarePatch());
                assertEquals(num(f, "capabilities"), id.capabilities());
                assertEquals(num(f, "tick_us"), id.tickMicros());
                assertEquals(num(f, "watchdog_ms"), id.watchdogMs());
                assertEquals(num(f, "reset_cause"), id.resetCause());
                assertEquals(f.get("name"), id.name());
                float[] ss = floats(f, "sensor_scale");
                float[] as = floats(f, "actuator_scale");
                assertEquals(ss.length, id.sensorCount());
                assertEquals(as.length, id.actuatorCount());
                for (int i = 0; i < ss.length; i++) {
                    assertEquals(ss[i], id.sensorScale(i));
                }
                for (int i = 0; i < as.length; i++) {
                    assertEquals(as[i], id.actuatorScale(i));
                }
            }
            case Protocol.STATE -> {
                long[] outputs = ints(f, "outputs");
                long[] sensors = ints(f, "sensors");
                float[] truth = floats(f, "truth");
                StateFrame s = new StateFrame(sensors.length, outputs.length);
                s.wrap(frame);
                assertEquals(num(f, "time_us"), s.timeMicros());
                assertEquals(num(f, "command_seq"), s.commandSeq());
                assertEquals(num(f, "flags"), s.flags());
                assertEquals(num(f, "episode"), s.episode());
                for (int i = 0; i < outputs.length; i++) {
                    assertEquals(outputs[i], s.output(i));
                }
                for (int i = 0; i < sensors.length; i++) {
                    assertEquals(sensors[i], s.sensor(i));
                }
                assertEquals(s.hasTruth(), truth.length > 0);
                for (int i = 0; i < truth.length; i++) {
                    assertEquals(truth[i], s.truth(i));
                }
            }
            case Protocol.PONG -> {
                PongFrame p = new PongFrame().wrap(frame);
                assertEquals(num(f, "token"), p.token());
                assertEquals(num(f, "time_us"), p.timeMicros());
                assertEquals(num(f, "rx_rejected"), p.rxRejected());
                assertEquals(num(f, "rx_lost"), p.rxLost());
            }
            case Protocol.ACK -> {
                AckFrame a = new AckFrame().wrap(frame);
                assertEquals(num(f, "acked_type"), a.ackedType());
                assertEquals(num(f, "acked_seq"), a.ackedSeq());
                assertEquals(num(f, "result"), a.result());
            }
            case Protocol.FAULT -> {
                FaultFrame x = new FaultFrame().wrap(frame);
                assertEquals(num(f, "code"), x.code());
                assertEquals(num(f, "raised"), x.raised() ? 1 : 0);
                assertEquals(num(f, "detail"), x.detail());
            }
            default -> throw new AssertionError("type " + type);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void fieldsEncodeToTheWireBytes(Vector v) {
        Map<String, String> f = fields(v.a());
        int type = typeCode(f.get("type"));
        FrameEncoder enc = new FrameEncoder();
        byte[] buf = enc.frame();
        int length = switch (type) {
            case Protocol.HELLO -> new HelloFrame().wrap(buf).set((int) num(f, "version"));
            case Protocol.CONFIG -> new ConfigFrame().wrap(buf).set((int) num(f, "watchdog_ms"),
                    (int) num(f, "divider"), (int) num(f, "flags"));
            case Protocol.COMMAND -> {
                CommandFrame c = new CommandFrame().wrap(buf);
                long[] a = ints(f, "actuators");
                for (int i = 0; i < a.length; i++) {
                    c.actuator(i, (int) a[i]);
                }
                yield CommandFrame.length(a.length);
            }
            case Protocol.RESET -> {
                ResetFrame r = new ResetFrame().wrap(buf);
                float[] s = floats(f, "state");
                for (int i = 0; i < 4; i++) {
                    r.state(i, s[i]);
                }
                yield ResetFrame.LENGTH;
            }
            case Protocol.PING -> new PingFrame().wrap(buf).set((int) num(f, "token"));
            case Protocol.SAFE -> 0;
            case Protocol.IDENTITY -> {
                String[] fw = f.get("firmware").split("\\.");
                yield new IdentityFrame().wrap(buf).set((int) num(f, "version"),
                        Integer.parseInt(fw[0]), Integer.parseInt(fw[1]), Integer.parseInt(fw[2]),
                        (int) num(f, "capabilities"), num(f, "tick_us"), (int) num(f, "watchdog_ms"),
                        (int) num(f, "reset_cause"), f.get("name"), floats(f, "sensor_scale"),
                        floats(f, "actuator_scale"));
            }
            case Protocol.STATE -> {
                long[] outputs = ints(f, "outputs");
                long[] sensors = ints(f, "sensors");
                float[] truth = floats(f, "truth");
                StateFrame s = new StateFrame(sensors.length, outputs.length);
                s.wrap(buf);
                int n = s.set(num(f, "time_us"), (int) num(f, "command_seq"), (int) num(f, "flags"),
                        (int) num(f, "episode"));
                for (int i = 0; i < outputs.length; i++) {
                    s.output(i, (int) outputs[i]);
                }
                for (int i = 0; i < sensors.length; i++) {
                    s.sensor(i, (int) sensors[i]);
                }
                for (int i = 0; i < truth.length; i++) {
                    s.truth(i, truth[i]);
                }
                yield n;
            }
            case Protocol.PONG -> new PongFrame().wrap(buf).set((int) num(f, "token"),
                    num(f, "time_us"), (int) num(f, "rx_rejected"), (int) num(f, "rx_lost"));
            case Protocol.ACK -> new AckFrame().wrap(buf).set((int) num(f, "acked_type"),
                    (int) num(f, "acked_seq"), (int) num(f, "result"));
            case Protocol.FAULT -> new FaultFrame().wrap(buf).set((int) num(f, "code"),
                    num(f, "raised") != 0, (int) num(f, "detail"));
            default -> throw new AssertionError("type " + type);
        };
        byte[] wire = enc.encode(type, (int) num(f, "seq"), length);
        assertEquals(v.c(), HEX.formatHex(wire));
    }

    /**
     * Version 1 frames: a device drops a HELLO without counting it (and this host's probe is exactly the
     * vector's); a host drops an IDENTITY as LENGTH, and keeps a version 1 device's for the handshake.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("versionOneFrames")
    void versionOneFramesAreKnownButNotAccepted(Vector v) {
        Map<String, String> f = fields(v.a());
        int type = typeCode(f.get("type"));
        byte[] frame = HEX.parseHex(v.b());
        byte[] wire = HEX.parseHex(v.c());
        long version = num(f, "version");
        if (type == Protocol.HELLO) {
            FrameDecoder device = FrameDecoder.forDevice(1);
            for (byte b : wire) {
                assertFalse(device.push(b), "a version 1 HELLO was accepted");
            }
            assertEquals(0, device.counters().rejectedTotal(), device.counters().toString());
            if (version == Protocol.VERSION) {
                assertEquals(v.c(), HEX.formatHex(new FrameEncoder().encodeVersionOneHello((int) num(f, "seq"))));
            }
            return;
        }
        assertEquals(Protocol.IDENTITY, type);
        FrameDecoder host = FrameDecoder.forHost();
        for (byte b : wire) {
            assertFalse(host.push(b), "a version 1 IDENTITY was accepted");
        }
        assertEquals(1, host.counters().rejected(RejectReason.LENGTH), host.counters().toString());
        if (version == VersionOneFrames.VERSION) {
            byte[] kept = host.versionOneIdentity();
            assertArrayEquals(frame, Arrays.copyOf(kept, frame.length));
            checkFields(type, f, kept);
            host.resync();
            assertNull(host.versionOneIdentity(), "kept past a new session");
        } else {
            assertNull(host.versionOneIdentity(), "a version 1 layout carrying version " + version + " is no version 1 device");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostRejects")
    void theHostDropsAndCountsBadFrames(Vector v) {
        FrameDecoder decoder = FrameDecoder.forHost();
        decoder.channels(4, 1);
        assertDropped(decoder, v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviceRejects")
    void aDeviceModelDropsAndCountsBadFrames(Vector v) {
        assertDropped(FrameDecoder.forDevice(1), v);
    }

    private static void assertDropped(FrameDecoder decoder, Vector v) {
        RejectReason reason = RejectReason.valueOf(v.a());
        for (byte b : HEX.parseHex(v.b())) {
            assertFalse(decoder.push(b), "a bad frame was accepted");
        }
        assertEquals(1, decoder.counters().rejected(reason), decoder.counters().toString());
        assertEquals(1, decoder.counters().rejectedTotal(), decoder.counters().toString());
    }
}
