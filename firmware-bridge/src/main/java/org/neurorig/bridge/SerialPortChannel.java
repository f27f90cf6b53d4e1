package org.neurorig.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import jssc.SerialPort;
import jssc.SerialPortException;
import org.neurorig.device.DeviceException;

/**
 * One serial port through JSSC, by path (a USB-serial adapter, a UART, a pseudo-terminal). Opening
 * turns each way it can fail into one sentence that says what to do.
 *
 * <p>The port is locked ({@link PortLock}) before JSSC opens it and unlocked after JSSC closes it, so no
 * other program, and no other link of this one, drives it meanwhile.
 *
 * <p>JSSC's reads return a new array each time; they are called from the link's I/O thread only, never
 * from the control tick. Writes take whole arrays and allocate nothing on the Java heap.
 */
final class SerialPortChannel implements AutoCloseable {

    private final SerialPort port;
    private final String path;
    private final PortLock lock;

    private SerialPortChannel(SerialPort port, String path, PortLock lock) {
        this.port = port;
        this.path = path;
        this.lock = lock;
    }

    static SerialPortChannel open(String path, int baud) throws DeviceException {
        Path device = Path.of(path);
        if (!Files.exists(device)) {
            throw new DeviceException("serial port " + path + " does not exist: check the cable and the name "
                    + "(ls /dev/ttyACM* /dev/ttyUSB*), or start an emulated Uno with 'neurorig firmware emulate'");
        }
        PortLock lock = PortLock.take(path); // before JSSC's open: a refused opener has not touched the line
        SerialPort port = new SerialPort(path);
        try {
            port.openPort();
        } catch (SerialPortException e) {
            lock.close();
            throw new DeviceException(openFailure(path, e), e);
        } catch (LinkageError e) {
            lock.close();
            throw new DeviceException("cannot load JSSC's native serial library for " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch") + ": " + e.getMessage(), e);
        }
        try {
            // 8N1, no flow control. On a pseudo-terminal setParams returns false because the RTS/DTR ioctl
            // fails while the line settings were applied: not an error. DTR stays asserted: dropping it
            // would reset an Arduino again.
            port.setParams(baud, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE, true, true);
            port.purgePort(SerialPort.PURGE_RXCLEAR | SerialPort.PURGE_TXCLEAR);
        } catch (SerialPortException e) {
            closeQuietly(port);
            lock.close();
            throw new DeviceException("cannot set " + path + " to " + baud + " baud 8N1: " + e.getExceptionType(), e);
        }
        return new SerialPortChannel(port, path, lock);
    }

    private static String openFailure(String path, SerialPortException e) {
        String type = e.getExceptionType();
        if (SerialPortException.TYPE_PORT_BUSY.equals(type)) {
            return "serial port " + path + " is busy: another program has it open; close it first";
        }
        if (SerialPortException.TYPE_PORT_NOT_FOUND.equals(type)) {
            return "serial port " + path + " cannot be opened (not found): check the cable and the name";
        }
        if (SerialPortException.TYPE_PERMISSION_DENIED.equals(type)) {
            return "no permission to open " + path + ": add your user to the dialout group "
                    + "(sudo usermod -aG dialout $USER) and log in again";
        }
        if (SerialPortException.TYPE_INCORRECT_SERIAL_PORT.equals(type)) {
            return path + " is not a serial port";
        }
        return "cannot open serial port " + path + ": " + type;
    }

    String path() {
        return path;
    }

    /** The port's lock (for tests). */
    PortLock lock() {
        return lock;
    }

    /** Bytes waiting to be read (allocates inside JSSC: I/O thread only). */
    int available() throws SerialPortException {
        int n = port.getInputBufferBytesCount();
        if (n < 0) {
            throw new SerialPortException(port, "getInputBufferBytesCount", "the port reports an error");
        }
        return n;
    }

    /** Reads bytes known to be waiting (allocates inside JSSC: I/O thread only). */
    byte[] read(int count) throws SerialPortException {
        return port.readBytes(count);
    }

    /** Writes the whole array. */
    void write(byte[] bytes) throws SerialPortException {
        if (!port.writeBytes(bytes)) {
            throw new SerialPortException(port, "writeBytes", "short write");
        }
    }

    /** Closes the port, then releases its lock (in this order: nobody else opens it while this still has it). */
    @Override
    public void close() {
        closeQuietly(port);
        lock.close();
    }

    private static void closeQuietly(SerialPort port) {
        try {
            if (port.isOpened()) {
                port.closePort();
            }
        } catch (SerialPortException e) {
            // closing a port whose device is gone: nothing left to release
        }
    }
}
