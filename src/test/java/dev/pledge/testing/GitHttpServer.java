package dev.pledge.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;

/**
 * A real Git smart-HTTP server on 127.0.0.1 (JGit's GitServlet on Jetty) that requires basic auth. Started once
 * per test JVM; each test creates its own bare repositories.
 */
public final class GitHttpServer {
    public static final String USER = "alice";
    public static final String PASSWORD = "pw-Tr0ub4dor-&3-horse";

    private static GitHttpServer instance;
    /** Request-body bytes of every push (git-receive-pack) the server has received. */
    private static final java.util.concurrent.atomic.AtomicLong PUSHED_BYTES = new java.util.concurrent.atomic.AtomicLong();

    private final Server server;
    private final Path repositories;
    private final int port;

    private GitHttpServer(Server server, Path repositories, int port) {
        this.server = server;
        this.repositories = repositories;
        this.port = port;
    }

    public static synchronized GitHttpServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** A new empty bare repository; returns its clone URL. */
    public String newRepository(String name) {
        return "http://127.0.0.1:" + port + "/git/" + BareRepositories.create(repositories, name).getFileName();
    }

    /** Bytes clients have pushed to this server so far (request bodies of git-receive-pack). */
    public long bytesPushed() {
        return PUSHED_BYTES.get();
    }

    public Path repository(String url) {
        return repositories.resolve(url.substring(url.lastIndexOf('/') + 1));
    }

    private static GitHttpServer start() {
        try {
            Path repositories = Files.createTempDirectory("pledge-git-http");
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler("/");
            ServletHolder git = new ServletHolder(new GitServlet());
            git.setInitParameter("base-path", repositories.toString());
            git.setInitParameter("export-all", "true");
            context.addServlet(git, "/git/*");
            context.addFilter(new FilterHolder(new BasicAuth()), "/*", EnumSet.of(DispatcherType.REQUEST));
            server.setHandler(context);
            server.start();
            GitHttpServer started = new GitHttpServer(server, repositories, connector.getLocalPort());
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "git-http-stop"));
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Git HTTP server", e);
        }
    }

    private void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            // the JVM is exiting
        }
        BareRepositories.deleteQuietly(repositories);
    }

    /**
     * Checks {@code Authorization: Basic} and exposes the user as the remote user: JGit only accepts pushes from
     * a request with one.
     */
    private static final class BasicAuth implements Filter {
        private static final String EXPECTED = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            if (!EXPECTED.equals(http.getHeader("Authorization"))) {
                HttpServletResponse denied = (HttpServletResponse) response;
                denied.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                denied.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            boolean push = "POST".equals(http.getMethod()) && http.getRequestURI().endsWith("/git-receive-pack");
            chain.doFilter(new HttpServletRequestWrapper(http) {
                private jakarta.servlet.ServletInputStream counted;

                @Override
                public String getRemoteUser() {
                    return USER;
                }

                @Override
                public jakarta.servlet.ServletInputStream getInputStream() throws IOException {
                    if (!push) {
                        return super.getInputStream();
                    }
                    if (counted == null) {
                        counted = new CountingInput(super.getInputStream());
                    }
                    return counted;
                }
            }, response);
        }
    }

    /** Counts the bytes a push sends. */
    private static final class CountingInput extends jakarta.servlet.ServletInputStream {
        private final jakarta.servlet.ServletInputStream in;

        CountingInput(jakarta.servlet.ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                PUSHED_BYTES.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                PUSHED_BYTES.addAndGet(n);
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(jakarta.servlet.ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
