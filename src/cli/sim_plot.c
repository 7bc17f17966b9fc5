/* The trajectories of `mechkit sim --plot` (sim_plot.h), drawn with cairo:
 * one panel per quantity, rounds across, a line per series, axes with a
 * few round numbers and values. */
#include "sim_plot.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    WIDTH = 900,
    PANEL = 260,
    MARGIN_LEFT = 80,
    MARGIN_RIGHT = 170,
    MARGIN_TOP = 40,
    MARGIN_BOTTOM = 40,
    TICKS = 5
};

typedef enum plot_format { PLOT_SVG, PLOT_PNG } plot_format;

struct sim_plot {
    char *path;
    plot_format format;
    size_t rounds, filled;
    double *revenue, *welfare, *factor; /* rounds each; factor NAN without mw agents */
    double *regret[MK_SIM_KINDS];       /* rounds each: the kind's mean regret */
    int present[MK_SIM_KINDS];          /* kinds in the population */
};

static double to_double(mk_rational r)
{
    return (double)r.num / (double)r.den;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

int sim_plot_new(sim_plot **out, const char *path, size_t rounds, mk_ctx *ctx)
{
    plot_format format;
    if (ends_with(path, ".svg"))
        format = PLOT_SVG;
    else if (ends_with(path, ".png"))
        format = PLOT_PNG;
    else
        return mk_error(ctx, MK_EPARAM, "--plot %s: the file must end in .svg or .png", path);
    sim_plot *p = calloc(1, sizeof *p);
    int ok = p != NULL;
    if (ok) {
        p->format = format;
        p->rounds = rounds;
        p->path = strdup(path);
        p->revenue = calloc(rounds, sizeof(double));
        p->welfare = calloc(rounds, sizeof(double));
        p->factor = calloc(rounds, sizeof(double));
        ok = p->path != NULL && p->revenue != NULL && p->welfare != NULL && p->factor != NULL;
        for (int k = 0; ok && k < MK_SIM_KINDS; k++)
            ok = (p->regret[k] = calloc(rounds, sizeof(double))) != NULL;
    }
    if (!ok) {
        sim_plot_free(p);
        return mk_error(ctx, MK_ENOMEM, "out of memory for a plot of %zu rounds", rounds);
    }
    *out = p;
    return MK_OK;
}

void sim_plot_add(sim_plot *p, const mk_sim_round *r)
{
    if (p->filled >= p->rounds)
        return;
    size_t t = p->filled++;
    p->revenue[t] = to_double(r->revenue);
    p->welfare[t] = to_double(r->welfare);
    double sum[MK_SIM_KINDS] = {0}, factor = 0;
    size_t count[MK_SIM_KINDS] = {0}, mw = 0;
    for (size_t i = 0; i < r->n; i++) {
        sum[r->kinds[i]] += to_double(r->regret[i]);
        count[r->kinds[i]]++;
        if (r->factor[i] > 0) {
            factor += (double)r->factor[i] / (double)r->grid;
            mw++;
        }
    }
    for (int k = 0; k < MK_SIM_KINDS; k++) {
        p->present[k] |= count[k] > 0;
        p->regret[k][t] = count[k] > 0 ? sum[k] / (double)count[k] : 0;
    }
    p->factor[t] = mw > 0 ? factor / (double)mw : NAN;
}

/* One line of a panel. */
typedef struct series {
    const char *name;
    const double *y;
    double r, g, b;
} series;

/* A round step for about TICKS ticks over span: 1, 2, 2.5 or 5 times a
 * power of ten. */
static double tick_step(double span)
{
    double raw = span / TICKS, power = pow(10, floor(log10(raw))), steps[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (steps[i] * power >= raw)
            return steps[i] * power;
    return 10 * power;
}

/* Lowest and highest value of the series (0 included), widened to whole
 * ticks of *step. */
static void value_range(const series *s, size_t n, size_t rounds, double *lo, double *hi,
                        double *step)
{
    *lo = 0;
    *hi = 0;
    for (size_t k = 0; k < n; k++)
        for (size_t t = 0; t < rounds; t++)
            if (isfinite(s[k].y[t])) {
                *lo = fmin(*lo, s[k].y[t]);
                *hi = fmax(*hi, s[k].y[t]);
            }
    if (*hi - *lo < 1e-12)
        *hi = *lo + 1;
    *step = tick_step(*hi - *lo);
    *lo = floor(*lo / *step) * *step;
    *hi = ceil(*hi / *step) * *step;
}

static void text_at(cairo_t *cr, double x, double y, const char *s, double align)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    cairo_move_to(cr, x - align * e.width, y);
    cairo_show_text(cr, s);
}

/* The frame, ticks and labels of a panel whose plot area starts at top. */
static void axes(cairo_t *cr, double top, const char *title, size_t rounds, double lo, double hi,
                 double step)
{
    double w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, h = PANEL - MARGIN_TOP - MARGIN_BOTTOM;
    char label[32];
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, MARGIN_LEFT, top, w, h);
    cairo_stroke(cr);
    cairo_set_font_size(cr, 14);
    text_at(cr, MARGIN_LEFT, top - 10, title, 0);
    cairo_set_font_size(cr, 11);
    int ticks = (int)((hi - lo) / step + 0.5);
    for (int i = 0; i <= ticks; i++) {
        double y = top + h - h * i / ticks;
        snprintf(label, sizeof label, "%.4g", lo + step * i);
        text_at(cr, MARGIN_LEFT - 6, y + 4, label, 1);
    }
    for (int i = 0; i <= TICKS; i++) {
        size_t round = 1 + (size_t)((double)(rounds - 1) * i / TICKS + 0.5);
        snprintf(label, sizeof label, "%zu", round);
        text_at(cr, MARGIN_LEFT + w * i / TICKS, top + h + 16, label, 0.5);
    }
    text_at(cr, MARGIN_LEFT + w / 2, top + h + 32, "round", 0.5);
}

/* A panel: axes, one polyline per series, a legend on the right. */
static void panel(cairo_t *cr, double top, const char *title, const series *s, size_t n,
                  size_t rounds)
{
    double lo, hi, step, w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
    double h = PANEL - MARGIN_TOP - MARGIN_BOTTOM;
    value_range(s, n, rounds, &lo, &hi, &step);
    axes(cr, top, title, rounds, lo, hi, step);
    cairo_set_line_width(cr, 1.5);
    for (size_t k = 0; k < n; k++) {
        cairo_set_source_rgb(cr, s[k].r, s[k].g, s[k].b);
        int drawing = 0;
        for (size_t t = 0; t < rounds; t++) {
            if (!isfinite(s[k].y[t])) {
                drawing = 0;
                continue;
            }
            double x = MARGIN_LEFT + (rounds > 1 ? w * (double)t / (double)(rounds - 1) : w / 2);
            double y = top + h - h * (s[k].y[t] - lo) / (hi - lo);
            if (drawing)
                cairo_line_to(cr, x, y);
            else
                cairo_move_to(cr, x, y);
            drawing = 1;
        }
        if (rounds == 1)
            cairo_rel_line_to(cr, 1, 0);
        cairo_stroke(cr);
        double ly = top + 12 + 18 * (double)k;
        cairo_rectangle(cr, WIDTH - MARGIN_RIGHT + 14, ly - 8, 12, 3);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        text_at(cr, WIDTH - MARGIN_RIGHT + 32, ly - 2, s[k].name, 0);
    }
}

static const double palette[][3] = {
    {0.12, 0.47, 0.71}, {0.84, 0.15, 0.16}, {0.17, 0.63, 0.17},
    {0.58, 0.40, 0.74}, {1.00, 0.50, 0.05}, {0.55, 0.34, 0.29},
};

static void draw(cairo_t *cr, const sim_plot *p, const char *mechanism, int panels)
{
    size_t n = p->filled;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_font_size(cr, 16);
    char title[160];
    snprintf(title, sizeof title, "mechkit sim %s: %zu rounds", mechanism, n);
    text_at(cr, MARGIN_LEFT, 24, title, 0);
    series money[2] = {{"revenue", p->revenue, palette[0][0], palette[0][1], palette[0][2]},
                       {"welfare", p->welfare, palette[1][0], palette[1][1], palette[1][2]}};
    panel(cr, 40 + MARGIN_TOP, "revenue and welfare", money, 2, n);
    series regret[MK_SIM_KINDS];
    size_t kinds = 0;
    for (int k = 0; k < MK_SIM_KINDS; k++)
        if (p->present[k]) {
            const double *c = palette[(2 + kinds) % 6];
            regret[kinds++] =
                (series){mk_sim_kind_name((mk_sim_kind)k), p->regret[k], c[0], c[1], c[2]};
        }
    panel(cr, 40 + PANEL + MARGIN_TOP, "mean regret by kind", regret, kinds, n);
    if (panels == 3) {
        series factor = {"mw", p->factor, palette[3][0], palette[3][1], palette[3][2]};
        panel(cr, 40 + 2 * PANEL + MARGIN_TOP, "mean shading factor of mw agents", &factor, 1, n);
    }
}

int sim_plot_write(const sim_plot *p, const char *mechanism, mk_ctx *ctx)
{
    int panels = p->present[MK_SIM_MW] ? 3 : 2;
    double height = 40 + panels * PANEL;
    size_t len = strlen(p->path) + 8;
    char *tmp = malloc(len);
    if (tmp == NULL)
        return mk_error(ctx, MK_ENOMEM, "out of memory writing %s", p->path);
    snprintf(tmp, len, "%s.tmp", p->path);
    cairo_surface_t *surface =
        p->format == PLOT_SVG ? cairo_svg_surface_create(tmp, WIDTH, height)
                              : cairo_image_surface_create(CAIRO_FORMAT_RGB24, WIDTH, (int)height);
    cairo_t *cr = cairo_create(surface);
    draw(cr, p, mechanism, panels);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    if (status == CAIRO_STATUS_SUCCESS && p->format == PLOT_PNG)
        status = cairo_surface_write_to_png(surface, tmp);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    int rc = MK_OK;
    if (status != CAIRO_STATUS_SUCCESS)
        rc = mk_error(ctx, MK_EIO, "cannot write %s: %s", p->path, cairo_status_to_string(status));
    else if (rename(tmp, p->path) != 0)
        rc = mk_error(ctx, MK_EIO, "cannot write %s: %s", p->path, strerror(errno));
    if (rc != 0)
        remove(tmp);
    free(tmp);
    return rc;
}

void sim_plot_free(sim_plot *p)
{
    if (p == NULL)
        return;
    free(p->path);
    free(p->revenue);
    free(p->welfare);
    free(p->factor);
    for (int k = 0; k < MK_SIM_KINDS; k++)
        free(p->regret[k]);
    free(p);
}
