package org.dcsuite.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dcsuite.core.config.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenFileTest {

    @TempDir
    Path dir;

    @Test
    void createsARandomTokenOnlyTheOwnerCanReadAndReusesIt() throws Exception {
        Path file = dir.resolve("data").resolve(ApiTokenFile.FILE_NAME);
        Secret first = ApiTokenFile.loadOrCreate(file);
        assertThat(first.reveal()).matches("[A-Za-z0-9_-]{43}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ApiTokenFile.loadOrCreate(file).reveal()).isEqualTo(first.reveal());
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
        Path other = dir.resolve("other").resolve(ApiTokenFile.FILE_NAME);
        assertThat(ApiTokenFile.loadOrCreate(other).reveal()).isNotEqualTo(first.reveal());
    }

    @Test
    void usesATokenWrittenByHand() throws Exception {
        Path file = dir.resolve(ApiTokenFile.FILE_NAME);
        Files.writeString(file, "  my-own-token\n");
        assertThat(ApiTokenFile.loadOrCreate(file).reveal()).isEqualTo("my-own-token");
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        Path file = dir.resolve(ApiTokenFile.FILE_NAME);
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> ApiTokenFile.loadOrCreate(file))
                .hasMessage("the API token file " + file + " is empty: delete it to get a new token");
    }
}
