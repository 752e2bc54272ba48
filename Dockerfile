# syntax=docker/dockerfile:1
# Images of the four services, one target each (docker compose builds them with
# `target:`): docker build --target api-service -t dim/api-service .
#
# Stage "build": the whole Maven reactor, dependencies cached between builds. Node.js is
# there for dashboard-ui's production frontend bundle (npm registry only).
FROM maven:3.9-eclipse-temurin-21 AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -Dspring-javaformat.skip=true package \
    && mkdir /out \
    && cp api-service/target/api-service-*.jar /out/api-service.jar \
    && cp ml-service/target/ml-service-*.jar /out/ml-service.jar \
    && cp stream-service/target/stream-service-*.jar /out/stream-service.jar \
    && cp dashboard-ui/target/dashboard-ui-*.jar /out/dashboard-ui.jar

# Stage "runtime": a slim JRE, curl for the health check, a non-root user.
FROM eclipse-temurin:21-jre AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin dim \
    && mkdir -p /app/data /app/models \
    && chown -R dim /app
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

FROM runtime AS api-service
COPY --from=build /out/api-service.jar /app/app.jar
USER dim
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
    CMD curl -fsS http://127.0.0.1:8000/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS ml-service
COPY --from=build /out/ml-service.jar /app/app.jar
USER dim
EXPOSE 8001
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
    CMD curl -fsS http://127.0.0.1:8001/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS stream-service
COPY --from=build /out/stream-service.jar /app/app.jar
USER dim
EXPOSE 8002
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
    CMD curl -fsS http://127.0.0.1:8002/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS dashboard-ui
COPY --from=build /out/dashboard-ui.jar /app/app.jar
USER dim
EXPOSE 8050
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
    CMD curl -fsS http://127.0.0.1:8050/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
