package io.trapwatch.monitorapi.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One persistent HTTP/1.1 connection on a plain socket, for the read benchmark's client threads: a GET, the status and
 * the ETag, the body read and dropped. The benchmark measures the service, and its load generator shares the
 * machine's cores with it: java.net.http cost about as much CPU per request as the service itself, this costs a small
 * fraction. Reconnects after a failed exchange or when the server closes the connection.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** What the benchmark keeps of an answer. */
    record Answer(int status, String etag) {
    }

    private static final int TIMEOUT_MS = 10_000;

    private final String host;
    private final int port;
    private final byte[] hostHeader;
    private final byte[] line = new byte[8192];
    private final byte[] drain = new byte[65536];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveConnection(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.hostHeader = ("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** GETs {@code path}, with If-None-Match when {@code etag} is not null. */
    Answer get(String path, String etag) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = new BufferedOutputStream(socket.getOutputStream(), 4096);
        }
        try {
            return exchange(path, etag);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Answer exchange(String path, String etag) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(hostHeader);
        if (etag != null) {
            out.write(("If-None-Match: " + etag + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write('\r');
        out.write('\n');
        out.flush();
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        boolean closing = false;
        String answerEtag = null;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("ETag")) {
                answerEtag = value;
            } else if (name.equalsIgnoreCase("Connection")) {
                closing = value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            for (long chunk = Long.parseLong(readLine().split(";")[0].trim(), 16); chunk > 0;
                 chunk = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
                skip(chunk);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (status != 304 && status != 204) {
            skip(length);
        }
        if (closing) {
            close();
        }
        return new Answer(status, answerEtag);
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            int n = in.read(drain, 0, (int) Math.min(drain.length, left));
            if (n < 0) {
                throw new IOException("connection closed inside a body");
            }
            left -= n;
        }
    }

    /** One header line without its CRLF (ASCII). */
    private String readLine() throws IOException {
        int n = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside an answer's head");
            }
            if (n == line.length) {
                throw new IOException("header line longer than " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
        return new String(line, 0, n > 0 && line[n - 1] == '\r' ? n - 1 : n, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
