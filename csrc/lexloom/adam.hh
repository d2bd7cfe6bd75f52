// thinc's Adam update of one parameter array in one pass over memory.
//
// thinc's Optimizer applies Adam with about ten passes over each parameter (the clip's
// scaling, the fused moments loop, the weight step, two gradient resets, the decoupled weight
// decay and the moving average, several through numpy temporaries). adam_update does all of
// them per element, with the same float operations in the same order (no FMA, no
// reassociation), so the weights, moments and averages come out bit for bit as thinc's.
#pragma once

#include <cstdint>

namespace lexloom {

struct AdamSettings {
    float grad_scale;       // the gradient is first multiplied by this (clipping) ...
    bool clip;              // ... when clip is set
    float beta1;
    float beta2;
    float eps;
    float learn_rate;       // already corrected for the step (thinc's lr * lr_scale)
    float decay;            // w -= decay * w after the step (decoupled L2) ...
    bool weight_decay;      // ... when weight_decay is set
    float* averages;        // ema -= average_rate * (ema - w) after all that, unless null
    float average_rate;
};

// w, gradient, mom1, mom2 (and settings.averages) each hold n floats; the gradient is zeroed.
void adam_update(float* w, float* gradient, float* mom1, float* mom2, int64_t n,
                 const AdamSettings& settings);

}  // namespace lexloom
