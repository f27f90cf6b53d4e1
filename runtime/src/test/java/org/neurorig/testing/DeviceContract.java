package org.neurorig.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neurorig.device.Device;
import org.neurorig.device.DeviceStatus;

/**
 * What {@link Device}'s Javadoc promises, as one suite that every implementation runs: commands refused
 * until {@code activate} and again after {@code deactivate}; {@code safeState} harmless in every state
 * and twice; {@code close} drives the safe state, may be repeated and ends command-taking; {@code read}
 * fills its sensors and nothing past them; {@code write} leaves the caller's commands as they were;
 * neither allocates. A subclass says how to get a configured device and, where it can, how to see its
 * actuators; each test gets a device of its own, closed after it.
 */
public abstract class DeviceContract {

    /** Outside any sensor's or state's range: a value left at it was not written. */
    protected static final double UNTOUCHED = -1.2345678e300;

    private Device device;
    private long clock;

    /** A device configured and not yet activated (configure may need ports, an emulator, a Pi4J context). */
    protected abstract Device open() throws Exception;

    /** Releases what the device's own close does not (an emulator, a Pi4J context); after it is closed. */
    protected void release() {
    }

    /** Does the work that runs beside the device between the loop's calls (a Pi's I/O agent); none by default. */
    protected void service(long nowNanos) {
    }

    /** The loop's clock: by default an injected one that advances a 20 ms tick on each call. */
    protected long nowNanos() {
        clock += 20_000_000L;
        return clock;
    }

    /**
     * Whether the actuators are at their safe value now (zero force, motor disabled), where the device
     * lets a test see them; null where it does not (a simulation holds no force between steps).
     */
    protected Boolean actuatorsSafe() {
        return null;
    }

    /**
     * Whether read and write may be called back to back here. A device on a link is paced by its wire, so
     * its allocation is measured over a loop run at the device's rate instead (say where, in the subclass).
     */
    protected boolean freeRunning() {
        return true;
    }

    /** A command the device applies: half of one newton on each actuator, within every shipped limit. */
    protected double[] command() {
        double[] c = new double[device.actuatorCount()];
        Arrays.fill(c, 0.5);
        return c;
    }

    /** Puts the device where a run of ticks may start (a plant: a new episode at rest); nothing by default. */
    protected void beforeTicks() {
    }

    /** What the loop does after a tick's write (a plant: a new episode once this one has ended); nothing by default. */
    protected void afterTick() {
    }

    /** The device under test. */
    protected final Device device() {
        return device;
    }

    @BeforeEach
    final void openDevice() throws Exception {
        device = open();
    }

    @AfterEach
    final void closeDevice() {
        if (device != null) {
            device.close();
        }
        release();
    }

    /** Reads until a fresh sample arrives: a device with its own clock may have none yet. */
    protected final DeviceStatus awaitRead(double[] sensors) {
        for (int attempt = 0; attempt < 25_000; attempt++) {
            long now = nowNanos();
            service(now);
            DeviceStatus s = device.read(now, sensors);
            if (s != DeviceStatus.STALE) {
                return s;
            }
            LockSupport.parkNanos(200_000L);
        }
        return DeviceStatus.STALE;
    }

    private void assertSafe(String when) {
        Boolean safe = actuatorsSafe();
        if (safe != null) {
            assertTrue(safe, "actuators not at their safe value " + when);
        }
    }

    private DeviceStatus write() {
        long now = nowNanos();
        DeviceStatus s = device.write(now, command());
        service(now);
        return s;
    }

    @Test
    void aConfiguredDeviceTakesCommandsOnlyOnceActivated() {
        assertEquals(DeviceStatus.INACTIVE, write(), "before activate");
        assertSafe("before activate");
        device.activate();
        assertEquals(DeviceStatus.OK, write(), "after activate");
    }

    @Test
    void deactivatingDrivesTheSafeStateAndRefusesCommandsUntilActivatedAgain() {
        device.activate();
        assertEquals(DeviceStatus.OK, write());
        device.deactivate();
        service(nowNanos());
        assertSafe("after deactivate");
        assertEquals(DeviceStatus.INACTIVE, write(), "after deactivate");
        assertSafe("after a refused command");
        device.activate();
        assertEquals(DeviceStatus.OK, write(), "activated again");
    }

    @Test
    void theSafeStateCanBeDrivenInEveryStateAndTwice() {
        device.safeState();
        device.safeState();
        assertSafe("configured");
        device.activate();
        assertEquals(DeviceStatus.OK, write());
        device.safeState();
        service(nowNanos());
        assertSafe("after safeState while active");
        device.safeState();
        device.deactivate();
        device.safeState();
        device.close();
        device.safeState();
        device.safeState();
    }

    @Test
    void closingDrivesTheSafeStateCanBeRepeatedAndEndsCommands() {
        device.activate();
        assertEquals(DeviceStatus.OK, write());
        device.close();
        assertSafe("after close");
        device.close();
        assertNotEquals(DeviceStatus.OK, device.write(nowNanos(), command()), "a closed device took a command");
    }

    @Test
    void readFillsItsSensorsAndNothingPastThem() {
        device.activate();
        write();
        double[] sensors = new double[device.sensorCount() + 2];
        Arrays.fill(sensors, UNTOUCHED);
        DeviceStatus s = awaitRead(sensors);
        assertEquals(DeviceStatus.OK, s, "no fresh sample");
        for (int i = 0; i < device.sensorCount(); i++) {
            assertTrue(Double.isFinite(sensors[i]) && sensors[i] != UNTOUCHED, "sensor " + i + ": " + sensors[i]);
        }
        assertEquals(UNTOUCHED, sensors[device.sensorCount()], "written past sensorCount()");
        assertEquals(UNTOUCHED, sensors[device.sensorCount() + 1], "written past sensorCount()");
    }

    @Test
    void writeLeavesTheCallersCommandsAsTheyWere() {
        device.activate();
        double[] commands = command();
        double[] sent = commands.clone();
        long now = nowNanos();
        assertEquals(DeviceStatus.OK, device.write(now, commands));
        service(now);
        assertArrayEquals(sent, commands);
    }

    /**
     * The loop calls read and write every tick (and a plant's reset when an episode ends), so they allocate
     * nothing once compiled: interpreted, a cart-pole step allocates (StrictMath's scratch arrays), so runs
     * are long enough for C2 to compile them within the warm-up on a loaded machine.
     */
    @Test
    void readAndWriteAllocateNothing() {
        assumeTrue(freeRunning(), "paced by its link: measured over a loop at the device's rate");
        device.activate();
        double[] sensors = new double[device.sensorCount()];
        double[] commands = command();
        Runnable ticks = () -> {
            beforeTicks();
            for (int t = 0; t < 20_000; t++) {
                long now = nowNanos();
                if (device.read(now, sensors) == DeviceStatus.FAULT) {
                    fail("read FAULT at tick " + t);
                }
                commands[0] = (t & 1) == 0 ? 0.5 : -0.5; // both directions
                device.write(now, commands);
                afterTick();
            }
        };
        int runs = AllocationMeter.warmUp(ticks, 3, 50);
        assertEquals(0, AllocationMeter.leastBytesAtRest(ticks, 3, 5), "after " + runs + " warm-up runs");
    }
}
