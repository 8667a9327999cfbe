# Build with the Maven wrapper (JDK 17, the build's release), run on a JDK 25 JRE as a non-root user: there
# bin/runnel records an AOT cache (classes linked and method profiles, JEP 483/514/515) instead of a class-data
# archive, and Runnel starts in about 1.7 s instead of 2.2 s on two cores (docs/BENCHMARKS.md).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY frontend frontend
RUN ./mvnw -B -q -DskipTests package && cp target/runnel-*.jar /runnel.jar

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --user-group --no-create-home runnel
COPY --from=build /runnel.jar /app/runnel.jar
COPY bin/runnel /app/bin/runnel
ENV RUNNEL_JAR=/app/runnel.jar RUNNEL_CDS_DIR=/app/cds JAVA_OPTS="-XX:MaxRAMPercentage=75" \
    RUNNEL_STORAGE_DIR=/data RUNNEL_HTTPS_DIR=/data/tls
# bin/runnel starts Runnel the recommended way (Serial GC, Spring AOT, the JDK's AOT cache). The archive's
# directory belongs to the user Runnel runs as, and the archive is recorded here, once, as that user with this
# image's JVM, so that bin/runnel can record it again should it go stale (another JVM, a jar mounted over
# /app/runnel.jar); if it cannot, Runnel starts from the jar without the archive.
RUN install -d -o runnel -g runnel /app/cds /data
# The file store's data directory (used with RUNNEL_STORAGE_TYPE=file) and, in /data/tls, the HTTPS port's generated
# certificate (runnel.crt, the file clients trust; `docker cp <container>:/data/tls/runnel.crt .`): mount a volume
# here to keep streams, records and the certificate across containers. The user Runnel runs as has no home directory.
VOLUME /data
USER runnel
RUN /app/bin/runnel --prepare
# 4567: HTTP (and HTTP/2 cleartext); 4568: HTTPS (HTTP/2 and HTTP/1.1).
EXPOSE 4567 4568
# Healthy while /actuator/health answers 200 (it answers 503 when a component, such as the Kafka store, is down).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/4567 && printf "GET /actuator/health HTTP/1.0\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
ENTRYPOINT ["/app/bin/runnel"]
