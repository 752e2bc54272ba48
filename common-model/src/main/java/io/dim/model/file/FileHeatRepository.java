package io.dim.model.file;

import org.springframework.data.jpa.repository.JpaRepository;

public interface FileHeatRepository extends JpaRepository<FileHeat, String> {

}
