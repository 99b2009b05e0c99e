package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELUDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The Java GELU is ND4J's GELU op to float precision, forward and backward, and adds and sums its bias. */
class GeluKernelTest {

    @Test
    void sigmoidStaysWithinTwoTenMillionthsOfTheLogisticFunctionEverywhere() {
        double worst = 0;
        for (int i = -800_000; i <= 800_000; i++) {
            float x = i * 1e-4f;
            double exact = 1.0 / (1.0 + Math.exp(-1.702 * x));
            float s = GeluKernel.sigmoid(x);
            assertTrue(s >= 0f && s <= 1f, "sigmoid(" + x + ") = " + s);
            worst = Math.max(worst, Math.abs(s - exact));
        }
        assertTrue(worst < 2e-7, "largest error " + worst);
        assertEquals(1f, GeluKernel.sigmoid(1e4f), 0f);
        assertEquals(0f, GeluKernel.sigmoid(-1e4f), 2e-8f);
        assertTrue(Float.isNaN(GeluKernel.sigmoid(Float.NaN)));
    }

    @Test
    void forwardAddsTheBiasInPlaceAndMatchesNd4jsGelu() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 37, 50).muli(3);
        INDArray bias = Nd4j.randn(DataType.FLOAT, 50);
        INDArray pre = x.dup();
        INDArray act = Nd4j.create(DataType.FLOAT, 37, 50);
        GeluKernel.forward(pre, bias, act);
        INDArray expectedPre = x.addRowVector(bias);
        assertEquals(0.0, expectedPre.sub(pre).amaxNumber().doubleValue(), 0.0);
        INDArray expected = Nd4j.exec(new GELU(expectedPre, expectedPre.ulike()));
        // within 2e-7 |x| (the sigmoid's error) plus float rounding of the product
        INDArray bound = Transforms.abs(expectedPre).muli(3e-7).addi(1e-7);
        double excess = Transforms.abs(expected.sub(act)).subi(bound).maxNumber().doubleValue();
        assertTrue(excess <= 0, "beyond the bound by " + excess);
    }

    @Test
    void backwardMatchesNd4jsGeluDerivativeAndSumsTheBiasGradient() {
        INDArray pre = Nd4j.randn(DataType.FLOAT, 41, 30).muli(3);
        INDArray upstream = Nd4j.randn(DataType.FLOAT, 41, 30);
        INDArray da = upstream.dup();
        INDArray biasGrad = Nd4j.create(DataType.FLOAT, 30);
        GeluKernel.backward(pre, da, biasGrad);
        INDArray expected = upstream.mul(Nd4j.exec(new GELUDerivative(pre, pre.ulike())));
        double scale = expected.amaxNumber().doubleValue();
        assertTrue(expected.sub(da).amaxNumber().doubleValue() < 1e-6 * scale, "largest difference "
                + expected.sub(da).amaxNumber() + " of " + scale);
        INDArray sums = da.sum(0);
        assertTrue(sums.sub(biasGrad).amaxNumber().doubleValue() < 1e-5 * sums.amaxNumber().doubleValue(),
                "bias gradient " + biasGrad + " against " + sums);
    }
}
