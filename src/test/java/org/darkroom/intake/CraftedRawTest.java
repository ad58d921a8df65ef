package org.darkroom.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-built camera raw containers no committed sample covers: Canon's CR3 (ISO BMFF tracks) and Fujifilm's RAF
 * (its own record table). Only their structure is made here, so these check recognition and sizing; developing
 * them needs real sensor data, which no camera file on these machines provides.
 */
class CraftedRawTest {
    @TempDir
    Path dir;

    // ---- CR3 ---------------------------------------------------------------------------------------------

    private static byte[] track(int width, int height) {
        byte[] craw = ByteWriter.start().zeros(6).be16(1).zeros(16).be16(width).be16(height).zeros(50).toBytes();
        byte[] stsd = ByteWriter.start().be32(0).be32(1).box("CRAW", craw).toBytes();
        byte[] stbl = ByteWriter.start().box("stsd", stsd).toBytes();
        byte[] minf = ByteWriter.start().box("stbl", stbl).toBytes();
        byte[] mdia = ByteWriter.start().box("minf", minf).toBytes();
        return ByteWriter.start().box("mdia", mdia).toBytes();
    }

    private static ByteWriter cr3(byte[]... tracks) {
        ByteWriter moov = ByteWriter.start().box("uuid", new byte[24]);
        for (byte[] track : tracks) {
            moov.box("trak", track);
        }
        return ByteWriter.start().box("ftyp", ByteWriter.start().ascii("crx ").be32(1).ascii("crx isom").toBytes())
                .box("moov", moov.toBytes());
    }

    @Test
    void a_cr3_is_sized_by_its_largest_track_the_sensor() throws IOException {
        ByteWriter file = cr3(track(6000, 4000), track(1620, 1080), track(6888, 4546));
        assertThat(TypeSniffer.sniff(file.toBytes(), file.size())).contains(ImageType.RAW);
        ImageHeader header = Crafted.read(dir, "a.cr3", file, ImageType.RAW);
        assertThat(header.width()).isEqualTo(6888);
        assertThat(header.height()).isEqualTo(4546);
    }

    @Test
    void a_cr3_without_a_raw_track_or_cut_short_is_undecodable() throws IOException {
        Crafted.assertUndecodable(dir, "none.cr3", cr3(), ImageType.RAW);
        byte[] whole = cr3(track(6000, 4000)).toBytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 40);
        Crafted.assertUndecodable(dir, "cut.cr3", ByteWriter.start().bytes(cut), ImageType.RAW);
    }

    // ---- RAF ---------------------------------------------------------------------------------------------

    private static ByteWriter raf(int records, int rawWidth, int rawHeight, Optional<int[]> output) {
        ByteWriter table = ByteWriter.start().be32(records);
        table.be16(0x100).be16(4).be16(rawHeight).be16(rawWidth);
        table.be16(0x130).be16(2).be16(0);
        output.ifPresent(size -> table.be16(0x121).be16(4).be16(size[1]).be16(size[0]));
        ByteWriter file = ByteWriter.start().ascii(RafParser.MAGIC).ascii("0201FF129502").ascii("X-T4").zeros(28);
        file.zeros(92 - file.size()).be32(128).zeros(128 - 96);
        return file.bytes(table.toBytes());
    }

    @Test
    void a_raf_is_sized_by_its_record_table_never_its_preview() throws IOException {
        ByteWriter file = raf(3, 6384, 4182, Optional.of(new int[] {6240, 4160}));
        assertThat(TypeSniffer.sniff(file.toBytes(), file.size())).contains(ImageType.RAW);
        ImageHeader header = Crafted.read(dir, "a.raf", file, ImageType.RAW);
        assertThat(header.width()).isEqualTo(6240);
        assertThat(header.height()).isEqualTo(4160);
        assertThat(header.largestFramePixels()).isEqualTo(6384L * 4182);
    }

    @Test
    void a_raf_with_a_runaway_table_or_no_size_is_undecodable() throws IOException {
        Crafted.assertUndecodable(dir, "many.raf", raf(100_000, 6000, 4000, Optional.empty()), ImageType.RAW);
        ByteWriter noSize = ByteWriter.start().ascii(RafParser.MAGIC).zeros(92 - 16).be32(128).zeros(128 - 96)
                .be32(1).be16(0x130).be16(2).be16(0);
        Crafted.assertUndecodable(dir, "nosize.raf", noSize, ImageType.RAW);
        Crafted.assertUndecodable(dir, "zero.raf", raf(2, 0, 4000, Optional.empty()), ImageType.RAW);
    }
}
