/* The parts of the mechanism interface that every mechanism shares. */
#include "mechkit/mechanism.h"

const char *mk_claim_name(unsigned claim)
{
    switch (claim) {
    case MK_CLAIM_DSIC: return "dsic";
    case MK_CLAIM_IR: return "ir";
    case MK_CLAIM_WEAK_BB: return "weak_budget_balance";
    case MK_CLAIM_STRONG_BB: return "strong_budget_balance";
    case MK_CLAIM_EFFICIENT: return "efficient";
    default: return NULL;
    }
}

const char *mk_favour_name(unsigned kind)
{
    static const char *const names[MK_FAVOUR_KINDS] = {"compromise", "bury", "compromise_bury"};
    return kind < MK_FAVOUR_KINDS ? names[kind] : NULL;
}

int mk_truthful_copy(const mk_instance *inst, const mk_profile *types, mk_profile *reports,
                     mk_ctx *ctx)
{
    (void)inst;
    return mk_profile_copy(reports, types, ctx);
}

int mk_mechanism_prepare(const mk_mechanism *mech, mk_params *params, const mk_setting *setting,
                         mk_instance **out, mk_ctx *ctx)
{
    int rc = mk_params_bind(params, mech->params, mech->name, ctx);
    if (rc != 0)
        return rc;
    return mech->prepare(out, params, setting, ctx);
}
