# syntax=docker/dockerfile:1
# Inflow in a container: the server with its connector plugins, on an embedded PostgreSQL unless
# INFLOW_DATABASE_URL points at another one. Build: docker build -t inflow .   (README: "Docker")

# ---- build: the same build as the README, in a Maven image ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# the cache mount keeps downloaded dependencies between builds (BuildKit, the default builder)
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

# ---- a JRE with curl (the health check and the curl scripts) and a non-root user ----
FROM eclipse-temurin:17-jre AS runtime-base
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system inflow \
    && useradd --system --gid inflow --home-dir /opt/inflow --no-create-home --shell /usr/sbin/nologin inflow
WORKDIR /opt/inflow

# ---- the sandbox (fakes of the upstream APIs), for trying Inflow without real accounts: --target sandbox ----
FROM runtime-base AS sandbox
COPY --from=build /src/sandbox/target/inflow-sandbox.jar /opt/inflow/inflow-sandbox.jar
USER inflow
EXPOSE 9090
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/opt/inflow/inflow-sandbox.jar"]
CMD ["--port", "9090"]

# ---- the server (the default target) ----
FROM runtime-base
COPY --from=build /src/server/target/inflow-server.jar /opt/inflow/inflow-server.jar
COPY --from=build /src/config.yml /opt/inflow/config.yml
COPY --from=build /src/scripts /opt/inflow/scripts
COPY --from=build --chown=inflow:inflow /src/plugins/*.jar /opt/inflow/plugins/
# PostgreSQL refuses to run as root, so the embedded one needs this user; its binaries unpack into /tmp.
RUN mkdir -p /opt/inflow/data && chown inflow:inflow /opt/inflow/data /opt/inflow/plugins
ENV INFLOW_PORT=8080 \
    INFLOW_ADMIN_PORT=8081 \
    INFLOW_DATA_DIR=/opt/inflow/data \
    INFLOW_PLUGINS_DIR=/opt/inflow/plugins
USER inflow
# a named volume mounted here starts as a copy of the plugins above; a bind mount replaces them
VOLUME ["/opt/inflow/plugins", "/opt/inflow/data"]
EXPOSE 8080 8081
# the embedded PostgreSQL and the plugins take a while on the first start
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null "http://localhost:${INFLOW_ADMIN_PORT}/healthcheck" || exit 1
# SIGTERM (docker stop) lets running imports store their page first: give it more than config.yml's
# jobs.shutdownGrace (20 s), e.g. docker stop -t 45. The heap leaves room for the embedded PostgreSQL; more JVM
# flags go in JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", "-jar", "inflow-server.jar"]
CMD ["server", "config.yml"]
