package io.gevgate.acquisition.genapi.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaTest {

    static Num eval(String f) {
        return Formula.parse(f).evaluate(n -> null);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
        "1 + 2 * 3; 7",
        "(1 + 2) * 3; 9",
        "10 - 2 - 3; 5",
        "100 / 10 / 5; 2",
        "2 ** 3 ** 2; 512",
        "-2 ** 2; -4",
        "2 + 3 * 4 ** 2; 50",
        "7 / 2; 3",
        "-7 / 2; -3",
        "7 % 3; 1",
        "0x10 + 0xff; 271",
        "0XFFFFFFFFFFFFFFFF; -1",
        "1 < 2 && 3 > 2; 1",
        "1 = 1; 1",
        "1 <> 1; 0",
        "3 > 2 > 1; 0",
        "1 ? 2 : 3; 2",
        "0 ? 2 : 0 ? 3 : 4; 4",
        "1 ? 0 ? 5 : 6 : 7; 6",
        "1 | 2 ^ 3 & 6; 1",
        "1 << 2 + 1; 8",
        "256 >> 4; 16",
        "6 & 3 = 2; 0",
        "~0; -1",
        "(5 > 3) * 10; 10",
        "1 || 1 / 0; 1",
        "0 && 1 / 0; 0",
        "ABS(-3); 3",
        "NEG(5); -5",
        "SGN(-2.5); -1",
        "((0x01080001 >> 16) & 0xFF) / 8; 1",
        "-(3); -3",
        "+4; 4",
    })
    void integerResults(String formula, long expected) {
        Num n = eval(formula);
        assertThat(n.isFloat()).as("integer arithmetic stays integer").isFalse();
        assertThat(n.asLong()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
        "7.0 / 2; 3.5",
        "1e3; 1000",
        "1.5e-1; 0.15",
        "SIN(PI / 2); 1",
        "cos(0); 1",
        "TAN(0); 0",
        "ASIN(1) * 2; 3.141592653589793",
        "ACOS(1); 0",
        "ATAN(1) * 4; 3.141592653589793",
        "LN(E); 1",
        "LG(1000); 3",
        "EXP(0); 1",
        "SQRT(16); 4",
        "TRUNC(-2.7); -2",
        "FLOOR(-2.5); -3",
        "CEIL(2.1); 3",
        "ROUND(2.5); 3",
        "ROUND(-2.5); -3",
        "ROUND(3.14159, 2); 3.14",
        "2 ** -1; 0.5",
        "7.5 % 2; 1.5",
        "1 / 0.0 > 1e308; 1",
    })
    void floatResults(String formula, double expected) {
        assertThat(eval(formula).asDouble()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void variablesAreBoundByTheCallerAndWinOverConstants() {
        Formula f = Formula.parse("WIDTH * HEIGHT + E");
        assertThat(f.variables()).containsExactlyInAnyOrder("WIDTH", "HEIGHT", "E");
        Map<String, Num> vars = Map.of("WIDTH", Num.of(640), "HEIGHT", Num.of(480), "E", Num.of(1));
        assertThat(f.evaluate(vars::get).asLong()).isEqualTo(640 * 480 + 1);
        assertThat(Formula.parse("E").evaluate(n -> null).asDouble()).isEqualTo(Math.E);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1 +; expected a value",
        "(1 + 2; expected ')'",
        "FOO(1); unknown function FOO",
        "1 $ 2; unexpected character '$'",
        "1 2; unexpected '2'",
        "1 ? 2; expected ':'",
        "0x; bad hexadecimal literal",
        "SIN(1, 2); SIN takes 1 argument(s), got 2",
        "1 @ 2; unexpected character '@'",
    })
    void badFormulasAreTypedErrorsWithAPosition(String formula, String message) {
        assertThatThrownBy(() -> eval(formula)).isInstanceOf(FormulaException.class).hasMessageContaining(message);
    }

    @Test
    void emptyAndUnknownAndDivisionByZero() {
        assertThatThrownBy(() -> Formula.parse("  ")).isInstanceOf(FormulaException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> eval("X + 1")).isInstanceOf(FormulaException.class).hasMessageContaining("unknown variable X");
        assertThatThrownBy(() -> eval("1 / 0")).isInstanceOf(FormulaException.class)
                .hasMessageContaining("division by zero").extracting(e -> ((FormulaException) e).position()).isEqualTo(-1);
        assertThatThrownBy(() -> eval("1 % 0")).isInstanceOf(FormulaException.class);
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String parens = "(".repeat(10_000) + "1" + ")".repeat(10_000);
        assertThatThrownBy(() -> Formula.parse(parens)).isInstanceOf(FormulaException.class).hasMessageContaining("nested deeper");
        String chain = "1" + " + 1".repeat(10_000);
        assertThatThrownBy(() -> Formula.parse(chain)).isInstanceOf(FormulaException.class).hasMessageContaining("nested deeper");
        String minus = "-".repeat(50_000) + "1";
        assertThatThrownBy(() -> Formula.parse(minus)).isInstanceOf(FormulaException.class);
        assertThatThrownBy(() -> Formula.parse("1+".repeat(40_000) + "1")).isInstanceOf(FormulaException.class)
                .hasMessageContaining("longer than");
        // Within the limit it still works.
        assertThat(eval("1" + " + 1".repeat(150)).asLong()).isEqualTo(151);
    }

    @Test
    void randomInputNeverEscapesAsAnUntypedException() {
        long seed = 0x5eed_4f0eL;
        System.out.println("FormulaTest random seed " + seed);
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        String alphabet = "0123456789xXabcdefABCDEF+-*/%()<>=!&|^~?:,. PIESINCOSROUND_";
        for (int i = 0; i < 5_000; i++) {
            int len = 1 + rnd.nextInt(30);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            try {
                eval(sb.toString());
            } catch (FormulaException expected) {
                // typed: fine
            }
        }
    }
}
