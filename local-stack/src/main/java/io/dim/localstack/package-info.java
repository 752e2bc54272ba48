/**
 * Dev and test only: real components on loopback — a KRaft Kafka broker and S3Proxy
 * endpoints — as one process ({@link io.dim.localstack.LocalStackMain}) or in-process on
 * free ports for integration tests ({@link io.dim.localstack.LocalStack}).
 */
package io.dim.localstack;
