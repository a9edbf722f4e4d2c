# graygate image: built from this checkout with Maven, run on a JRE. Not shaded: the jar and target/lib.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY src src
COPY db db
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /opt/graygate
COPY --from=build /src/target/graygate.jar graygate.jar
COPY --from=build /src/target/lib lib
COPY config config
COPY rules rules
ENV GRAYGATE_BASE=/opt/graygate
ENTRYPOINT ["java", "-jar", "/opt/graygate/graygate.jar"]
CMD ["--help"]
