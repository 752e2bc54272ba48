# syntax=docker/dockerfile:1
# Images of the four services from one file: the service is a build argument
# (docker compose passes it): docker build --build-arg SERVICE=ml-service
# --build-arg PORT=8001 -t dim/ml-service .
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

# Stage "service": a slim JRE, curl for the health check, a non-root user, and the jar
# of the service named by the build arguments (docker compose passes them).
FROM eclipse-temurin:21-jre AS service
ARG SERVICE=api-service
ARG PORT=8000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin dim \
    && mkdir -p /app/data /app/models \
    && chown -R dim /app
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    SERVICE_PORT=${PORT}
COPY --from=build /out/${SERVICE}.jar /app/app.jar
USER dim
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
    CMD curl -fsS "http://127.0.0.1:${SERVICE_PORT}/health" || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
