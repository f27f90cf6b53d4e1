package org.neurorig.bench;

import java.util.concurrent.TimeUnit;
import org.neurorig.bridge.codec.CommandFrame;
import org.neurorig.bridge.codec.FrameDecoder;
import org.neurorig.bridge.codec.FrameEncoder;
import org.neurorig.bridge.codec.Protocol;
import org.neurorig.bridge.codec.StateFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One frame through the serial codec: written through its flyweight, encoded (header, CRC-32C, COBS,
 * delimiter), then fed byte by byte to the decoder (COBS, checks, CRC, sequence) and read back through
 * a flyweight. STATE is what the host receives every tick (50 bytes, 52 on the wire), COMMAND what it
 * sends (10 bytes, 12 on the wire).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    @Param({"STATE", "COMMAND"})
    public String frame;

    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder host = FrameDecoder.forHost();
    private final FrameDecoder device = FrameDecoder.forDevice(1);
    private final StateFrame stateOut = new StateFrame(4, 1);
    private final StateFrame stateIn = new StateFrame(4, 1);
    private final CommandFrame commandOut = new CommandFrame();
    private final CommandFrame commandIn = new CommandFrame();
    private int seq;

    @Setup
    public void setUp() {
        host.channels(4, 1);
    }

    @Benchmark
    public long encodeDecode() {
        return "STATE".equals(frame) ? state() : command();
    }

    private long state() {
        int s = seq++;
        stateOut.wrap(encoder.frame());
        int n = stateOut.set(s * 20_000L, s, Protocol.STATE_TRUTH, 1);
        stateOut.output(0, s & 0xFF);
        for (int i = 0; i < 4; i++) {
            stateOut.sensor(i, s * (i + 1));
            stateOut.truth(i, s * 1e-3f);
        }
        byte[] wire = encoder.encode(Protocol.STATE, s & 0xFFFF, n);
        long sum = 0;
        for (byte b : wire) {
            if (host.push(b)) {
                stateIn.wrap(host.frame());
                sum += stateIn.sensor(2) + stateIn.commandSeq() + Float.floatToRawIntBits(stateIn.truth(3));
            }
        }
        return sum;
    }

    private long command() {
        int s = seq++;
        commandOut.wrap(encoder.frame()).actuator(0, (s & 0xFFFF) - 32767);
        byte[] wire = encoder.encode(Protocol.COMMAND, s & 0xFFFF, CommandFrame.length(1));
        long sum = 0;
        for (byte b : wire) {
            if (device.push(b)) {
                sum += commandIn.wrap(device.frame()).actuator(0);
            }
        }
        return sum;
    }
}
