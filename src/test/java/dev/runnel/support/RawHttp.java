package dev.runnel.support;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: invalid paths, oversized headers, broken
 * chunking, bodies cut short or never finished. Each request gets its own connection, read to its end. Over TLS
 * too ({@link #overTls}), verifying the server's certificate and that it names {@code localhost}.
 */
public final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CBORMapper CBOR = CBORMapper.builder().build();

    private final int port;
    private final SocketFactory sockets;

    public RawHttp(int port) {
        this(port, SocketFactory.getDefault());
    }

    private RawHttp(int port, SocketFactory sockets) {
        this.port = port;
        this.sockets = sockets;
    }

    /** HTTP/1.1 over TLS (ALPN not offered) to {@code localhost:port}, trusting what {@code tls} trusts. */
    public static RawHttp overTls(int port, SSLContext tls) {
        return new RawHttp(port, tls.getSocketFactory());
    }

    /** An answer as it came off the wire; header names in lower case, a chunked body already joined. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String contentType() {
            return header("content-type");
        }

        public String text() {
            return new String(body, UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public JsonNode cbor() {
            return CBOR.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    /**
     * The head of a request: request line, Host, the given headers in order, Content-Length when a body is given,
     * and {@code Connection: close}.
     */
    public static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return concat(head.toString().getBytes(ISO_8859_1), body == null ? new byte[0] : body);
    }

    public static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    /** Sends the bytes and reads the answer. */
    public Answer send(byte[] request) {
        return exchange(request, false);
    }

    /** Sends the bytes, then closes the sending side (the body ends there, whatever it promised), and reads. */
    public Answer sendAndClose(byte[] request) {
        return exchange(request, true);
    }

    private Answer exchange(byte[] request, boolean closeOutput) {
        try (Socket socket = sockets.createSocket("localhost", port)) {
            if (socket instanceof SSLSocket tls) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
            }
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            if (closeOutput) {
                socket.shutdownOutput();
            }
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(ISO_8859_1));
        if (end < 0) {
            throw new IOException("no HTTP answer: " + new String(raw, ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Answer(status, headers, "chunked".equals(headers.get("transfer-encoding")) ? dechunk(rest) : rest);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return body.toByteArray();
                }
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            int length = Integer.parseInt(size.toString().strip(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
