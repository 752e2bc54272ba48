/** Real input: S3 bucket notifications (MinIO or AWS JSON) turned into access events. */
package io.dim.stream.s3events;
