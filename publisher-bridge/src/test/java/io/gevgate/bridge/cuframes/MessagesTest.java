package io.gevgate.bridge.cuframes;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesTest {
    @Test
    void roundTripsEveryMessage() {
        Messages.HelloRequest h = Messages.HelloRequest.decode(new Messages.HelloRequest(4, "ffmpeg", 1, 1).encode());
        assertThat(h).isEqualTo(new Messages.HelloRequest(4, "ffmpeg", 1, 1));
        assertThat(new Messages.HelloRequest(4, "ffmpeg", 1, 1).encode()).hasSize(28 + 6);
        byte[] meta = new byte[64];
        meta[0] = 5;
        Messages.HelloResponse r = Messages.HelloResponse.decode(new Messages.HelloResponse(0, 4, 6, 0, meta, "/cuframes-x").encode());
        assertThat(r.shmPath()).isEqualTo("/cuframes-x");
        assertThat(r.ringSize()).isEqualTo(6);
        assertThat(r.meta()[0]).isEqualTo((byte) 5);
        assertThat(new Messages.HelloResponse(0, 4, 6, 0, meta, "/cuframes-x").encode()).hasSize(96 + 11);
        assertThat(Messages.SubscribeResponse.decode(new Messages.SubscribeResponse(0, 3, -1L).encode()))
                .isEqualTo(new Messages.SubscribeResponse(0, 3, -1L));
        assertThat(new Messages.SubscribeResponse(0, 3, -1L).encode()).hasSize(28);
        assertThat(new Messages.SubscribeRequest(4).encode()).hasSize(32);
        assertThat(Messages.SlotFds.decode(new Messages.SlotFds(4 << 20, 4).encode())).isEqualTo(new Messages.SlotFds(4 << 20, 4));
        assertThat(Messages.ErrorMessage.decode(new Messages.ErrorMessage(-8, "bad").encode()).text()).isEqualTo("bad");
    }

    @Test
    void rejectsOutOfRangeFields() {
        assertThatThrownBy(() -> Messages.SubscribeResponse.decode(new Messages.SubscribeResponse(0, 32, 0).encode()))
                .hasMessageContaining("assigned_bit").hasMessageContaining("32");
        assertThatThrownBy(() -> Messages.SlotFds.decode(new Messages.SlotFds(4096, 17).encode())).hasMessageContaining("fd_count");
        assertThatThrownBy(() -> Messages.SlotFds.decode(new Messages.SlotFds(0, 4).encode())).hasMessageContaining("slot_size_bytes");
        byte[] resp = new Messages.HelloResponse(0, 4, 2, 0, new byte[64], "/abc").encode();
        resp[80] = 50; // shm_path_len beyond the payload
        assertThatThrownBy(() -> Messages.HelloResponse.decode(resp)).hasMessageContaining("shm_path_len");
        byte[] err = new Messages.ErrorMessage(-1, "x").encode();
        err[4] = 100;
        assertThatThrownBy(() -> Messages.ErrorMessage.decode(err)).hasMessageContaining("text_len");
    }

    @Test
    void truncatedAndRandomPayloadsOnlyEverThrowProtocol() {
        long seed = 42;
        System.out.println("MessagesTest seed=" + seed);
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        byte[][] valid = {new Messages.HelloRequest(4, "abc", 0, 0).encode(),
                new Messages.HelloResponse(0, 4, 4, 0, new byte[64], "/cuframes-k").encode(),
                new Messages.SubscribeRequest(4).encode(), new Messages.SubscribeResponse(0, 1, 0).encode(),
                new Messages.SlotFds(8192, 4).encode(), new Messages.ErrorMessage(-8, "t").encode()};
        for (int iter = 0; iter < 3000; iter++) {
            int kind = iter % valid.length;
            byte[] p;
            if (rnd.nextBoolean()) {
                p = java.util.Arrays.copyOf(valid[kind], rnd.nextInt(0, valid[kind].length));
            } else {
                p = new byte[rnd.nextInt(0, 200)];
                rnd.nextBytes(p);
            }
            try {
                switch (kind) {
                    case 0 -> Messages.HelloRequest.decode(p);
                    case 1 -> Messages.HelloResponse.decode(p);
                    case 2 -> Messages.SubscribeRequest.decode(p);
                    case 3 -> Messages.SubscribeResponse.decode(p);
                    case 4 -> Messages.SlotFds.decode(p);
                    default -> Messages.ErrorMessage.decode(p);
                }
            } catch (CuframesException e) {
                assertThat(e.error()).isEqualTo(CuframesError.PROTOCOL);
            }
        }
    }
}
