/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-diagram-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "diagram-render.h"

/* The drawing of a process diagram. The first half lays it out: node
 * shapes and their text, edge paths clipped to the node borders with
 * their heads, edge labels moved off nodes and off each other, group
 * boxes, hit regions. The second half paints what the first placed and
 * measures nothing.
 *
 * Lengths are in "em", the label font's size, so that the proportions
 * hold whatever the font size. Inside a node, from the top: the label
 * (bold, wrapped into lines of balanced length), the bullet lines (with
 * a hanging indent), the count line (small and dim); all centred
 * vertically in the node. The accent (the node's or its theme's colour)
 * is a bar down the left edge over a light tint of the same colour, which
 * survives greyscale printing as a darker edge. */

typedef enum {
  FONT_LABEL,
  FONT_BULLET,
  FONT_COUNT,
  FONT_EDGE,
  FONT_GROUP,
  N_FONTS
} Font;

static const double font_scale[N_FONTS] = {
  [FONT_LABEL] = 1.0,
  [FONT_BULLET] = 0.92,
  [FONT_COUNT] = 0.8,
  [FONT_EDGE] = 0.85,
  [FONT_GROUP] = 0.85,
};

#define PAD_X            0.8    /* em, inside a node */
#define PAD_Y            0.6
#define ACCENT_WIDTH     0.32   /* within PAD_X, so that text never meets it */
#define RADIUS           0.6
#define FOLD             0.9    /* a note's folded corner */
#define LABEL_MAX        11.0   /* widest label line, when there are no bullets */
#define BULLETS_MAX      16.0   /* widest line of a node with bullets */
#define CONTENT_MIN      6.0    /* so that one-word nodes come out alike */
#define BULLET_INDENT    0.95
#define GAP_BULLETS      0.35
#define GAP_COUNT        0.3
#define LINE_WIDTH       0.09
#define ARROW_LENGTH     0.8
#define ARROW_HALF_WIDTH 0.32
#define DASH_ON          0.45
#define DASH_OFF         0.3
#define HALO_WIDTH       0.32
#define TAB_PAD_X        0.45
#define TAB_PAD_Y        0.2
#define GROUP_RADIUS     0.7
#define HANDLE_RADIUS    0.42
#define HANDLE_SIZE      0.6
#define LABEL_CLEARANCE  0.2
/* Steps per Bézier segment when a route is flattened to a polyline. */
#define BEZIER_STEPS     24

/* A count line as wide as most will be, for measuring nodes whose counts
 * are not known yet or will change: three digits each. */
#define COUNT_SAMPLE     "n = 000 quotes \u00b7 000 respondents"

typedef struct
{
  PangoContext         *context;
  PangoFontDescription *fonts[N_FONTS];
  double                em;
} Typesetter;

/* What a node shows, laid out for one content width. */
typedef struct
{
  PangoLayout *label;
  PangoLayout *bullets;     /* NULL when there are none */
  PangoLayout *count;       /* NULL when the node is not linked */
  double       label_h;
  double       bullets_h;
  double       count_h;
  double       height;
} Content;

typedef struct
{
  PangoLayout *layout;      /* owned */
  double       x;           /* where the layout's origin goes */
  double       y;
  EbColor      color;
  gboolean     halo;        /* outlined in the background colour first */
} Text;

typedef struct
{
  gint64             id;
  EbDiagramShape     shape;
  cairo_rectangle_t  rect;
  double             radius;
  EbColor            fill;
  EbColor            border;
  EbColor            accent;
  gboolean           has_accent;
  double             border_width;
  guint              first_text;
  guint              n_texts;
} Node;

typedef struct
{
  gint64              id;
  EbDiagramEdgeStyle  style;
  gboolean            visible;
  GArray             *line;          /* EbDiagramPoint: what is stroked */
  EbDiagramPoint      start;         /* on the source's border */
  EbDiagramPoint      end;           /* on the target's border */
  gboolean            has_head[2];   /* at the start, at the end */
  EbDiagramPoint      head[2][3];    /* tip, then the two corners */
  int                 label;         /* index into texts, or -1 */
  cairo_rectangle_t   label_rect;
} Edge;

typedef struct
{
  gint64             id;
  cairo_rectangle_t  rect;
  cairo_rectangle_t  tab;
  guint              label;          /* index into texts */
} Group;

struct _EbDiagramDrawing
{
  gatomicrefcount         ref_count;
  EbDiagramRenderOptions  options;   /* font_family points to the copy below */
  char                   *font_family;

  double                  em;
  double                  line_width;
  double                  halo_width;
  EbColor                 text_color;
  EbColor                 muted;     /* count lines */
  EbColor                 line_color;
  EbColor                 group_line;
  EbColor                 group_fill;
  EbColor                 tab_fill;
  cairo_rectangle_t       bounds;

  GArray                 *nodes;     /* Node */
  GArray                 *edges;     /* Edge */
  GArray                 *groups;    /* Group */
  GArray                 *texts;     /* Text */
};

G_DEFINE_BOXED_TYPE (EbDiagramDrawing, eb_diagram_drawing,
                     eb_diagram_drawing_ref, eb_diagram_drawing_unref)

/* ---- Small helpers ---- */

static EbColor
mix_colors (EbColor a,
            EbColor b,
            double  t)
{
  return (EbColor) { a.red + (b.red - a.red) * t,
                     a.green + (b.green - a.green) * t,
                     a.blue + (b.blue - a.blue) * t };
}

/* "#rrggbb" as EbDiagram stores colours. */
static gboolean
parse_color (const char *text,
             EbColor    *color)
{
  guint value = 0;

  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (text[i]))
        return FALSE;
      value = value * 16 + (guint) g_ascii_xdigit_value (text[i]);
    }
  color->red = ((value >> 16) & 0xff) / 255.0;
  color->green = ((value >> 8) & 0xff) / 255.0;
  color->blue = (value & 0xff) / 255.0;
  return TRUE;
}

static void
set_color (cairo_t       *cr,
           const EbColor *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

static void
clear_text (gpointer data)
{
  Text *text = data;

  g_clear_object (&text->layout);
}

static void
clear_edge (gpointer data)
{
  Edge *edge = data;

  g_clear_pointer (&edge->line, g_array_unref);
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static void
set_layout_width (PangoLayout *layout,
                  double       width)
{
  pango_layout_set_width (layout, width > 0 ? (int) floor (width * PANGO_SCALE) : -1);
}

static double
overlap_area (const cairo_rectangle_t *a,
              const cairo_rectangle_t *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

  return w > 0 && h > 0 ? w * h : 0;
}

static void
inflate (cairo_rectangle_t *rect,
         double             amount)
{
  rect->x -= amount;
  rect->y -= amount;
  rect->width += 2 * amount;
  rect->height += 2 * amount;
}

/* Grows UNION (empty when its width is negative) to hold RECT. */
static void
union_rect (cairo_rectangle_t       *total,
            const cairo_rectangle_t *rect)
{
  double x0, y0, x1, y1;

  if (total->width < 0)
    {
      *total = *rect;
      return;
    }
  x0 = MIN (total->x, rect->x);
  y0 = MIN (total->y, rect->y);
  x1 = MAX (total->x + total->width, rect->x + rect->width);
  y1 = MAX (total->y + total->height, rect->y + rect->height);
  *total = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
}

static double
distance (EbDiagramPoint a,
          EbDiagramPoint b)
{
  return hypot (b.x - a.x, b.y - a.y);
}

static EbDiagramPoint
lerp (EbDiagramPoint a,
      EbDiagramPoint b,
      double         t)
{
  return (EbDiagramPoint) { a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t };
}

static double
distance_to_segment (double          x,
                     double          y,
                     EbDiagramPoint  a,
                     EbDiagramPoint  b)
{
  double dx = b.x - a.x, dy = b.y - a.y;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? CLAMP (((x - a.x) * dx + (y - a.y) * dy) / length2, 0, 1) : 0;

  return hypot (a.x + t * dx - x, a.y + t * dy - y);
}

/* ---- Text ---- */

static void
typesetter_init (Typesetter                   *t,
                 const EbDiagramRenderOptions *options,
                 PangoContext                 *context)
{
  t->context = context != NULL ? g_object_ref (context) : eb_figure_create_pango_context ();
  t->em = options->font_size;
  for (guint f = 0; f < N_FONTS; f++)
    {
      t->fonts[f] = pango_font_description_new ();
      pango_font_description_set_family (t->fonts[f], options->font_family);
      pango_font_description_set_size (t->fonts[f],
                                       (int) lround (options->font_size * font_scale[f]
                                                     * PANGO_SCALE));
    }
  pango_font_description_set_weight (t->fonts[FONT_LABEL], PANGO_WEIGHT_BOLD);
  pango_font_description_set_weight (t->fonts[FONT_GROUP], PANGO_WEIGHT_BOLD);
  pango_font_description_set_style (t->fonts[FONT_EDGE], PANGO_STYLE_ITALIC);
}

static void
typesetter_clear (Typesetter *t)
{
  for (guint f = 0; f < N_FONTS; f++)
    g_clear_pointer (&t->fonts[f], pango_font_description_free);
  g_clear_object (&t->context);
}

static PangoLayout *
create_text (Typesetter *t,
             Font        font,
             const char *text)
{
  PangoLayout *layout = pango_layout_new (t->context);

  pango_layout_set_font_description (layout, t->fonts[font]);
  pango_layout_set_text (layout, text, -1);
  /* Wrapped at word boundaries, and within a word only when one word is
   * wider than the node: text is never cut off. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* The bullet lines as one layout: each a paragraph that starts with a
 * bullet and a tab, with a negative indent so that its later lines hang
 * under the text, not under the bullet. */
static PangoLayout *
create_bullets (Typesetter         *t,
                const char * const *bullets)
{
  g_autoptr(GString) text = g_string_new (NULL);
  PangoTabArray *tabs;
  PangoLayout *layout;
  int indent = (int) lround (BULLET_INDENT * font_scale[FONT_BULLET] * t->em * PANGO_SCALE);

  for (guint i = 0; bullets[i] != NULL; i++)
    g_string_append_printf (text, "%s\u2022\t%s", i > 0 ? "\n" : "", bullets[i]);
  layout = create_text (t, FONT_BULLET, text->str);
  tabs = pango_tab_array_new_with_positions (1, FALSE, PANGO_TAB_LEFT, indent);
  pango_layout_set_tabs (layout, tabs);
  pango_tab_array_free (tabs);
  pango_layout_set_indent (layout, -indent);
  pango_layout_set_spacing (layout, (int) lround (0.12 * t->em * PANGO_SCALE));
  return layout;
}

static void
content_clear (Content *c)
{
  g_clear_object (&c->label);
  g_clear_object (&c->bullets);
  g_clear_object (&c->count);
}

static void
content_create (Typesetter         *t,
                const char         *label,
                const char * const *bullets,
                const char         *count,
                Content            *c)
{
  memset (c, 0, sizeof *c);
  c->label = create_text (t, FONT_LABEL, label != NULL ? label : "");
  if (bullets != NULL && bullets[0] != NULL)
    c->bullets = create_bullets (t, bullets);
  else
    pango_layout_set_alignment (c->label, PANGO_ALIGN_CENTER);
  if (count != NULL)
    {
      /* Under the label, aligned as it is. */
      c->count = create_text (t, FONT_COUNT, count);
      pango_layout_set_alignment (c->count, pango_layout_get_alignment (c->label));
    }
}

/* Wraps the content at WIDTH and sums up its height. */
static double
content_set_width (Typesetter *t,
                   Content    *c,
                   double      width)
{
  set_layout_width (c->label, width);
  c->label_h = layout_height (c->label);
  c->height = c->label_h;
  c->bullets_h = c->count_h = 0;
  if (c->bullets != NULL)
    {
      set_layout_width (c->bullets, width);
      c->bullets_h = layout_height (c->bullets);
      c->height += GAP_BULLETS * t->em + c->bullets_h;
    }
  if (c->count != NULL)
    {
      set_layout_width (c->count, width);
      c->count_h = layout_height (c->count);
      c->height += GAP_COUNT * t->em + c->count_h;
    }
  return c->height;
}

/* The narrowest width at which LAYOUT keeps the number of lines it has at
 * MAX_WIDTH: "Improved practice / in the classroom" rather than "Improved
 * practice in the / classroom". */
static double
balanced_width (PangoLayout *layout,
                double       max_width)
{
  double natural, low, high;
  int lines;

  set_layout_width (layout, -1);
  natural = layout_width (layout);
  if (natural <= max_width)
    return natural;
  set_layout_width (layout, max_width);
  lines = pango_layout_get_line_count (layout);
  low = 0;
  high = max_width;
  for (guint i = 0; i < 16 && high - low > 0.25; i++)
    {
      double middle = (low + high) / 2;

      set_layout_width (layout, middle);
      if (pango_layout_get_line_count (layout) == lines && layout_width (layout) <= middle + 0.01)
        high = middle;
      else
        low = middle;
    }
  set_layout_width (layout, high);
  return layout_width (layout);
}

/* The content width a node wants: its label balanced within LABEL_MAX
 * (BULLETS_MAX with bullets), its bullets and its count line unwrapped if
 * they fit. */
static double
content_natural_width (Typesetter *t,
                       Content    *c)
{
  double limit = (c->bullets != NULL ? BULLETS_MAX : LABEL_MAX) * t->em;
  double width = CONTENT_MIN * t->em;

  if (c->count != NULL)
    {
      set_layout_width (c->count, -1);
      limit = MAX (limit, MIN (layout_width (c->count), BULLETS_MAX * t->em));
      width = MAX (width, MIN (layout_width (c->count), limit));
    }
  if (c->bullets != NULL)
    {
      set_layout_width (c->bullets, -1);
      width = MAX (width, MIN (layout_width (c->bullets), limit));
    }
  width = MAX (width, balanced_width (c->label, limit));
  return ceil (width);
}

static double
shape_width (Typesetter     *t,
             EbDiagramShape  shape,
             double          content_width)
{
  switch (shape)
    {
    case EB_DIAGRAM_SHAPE_ELLIPSE:
      /* The content's box inscribed in the ellipse: each half-axis is the
       * box's half side times √2. */
      return content_width * G_SQRT2 + 2 * PAD_X * t->em;
    case EB_DIAGRAM_SHAPE_NOTE:
      return content_width + 2 * PAD_X * t->em + 0.4 * FOLD * t->em;
    case EB_DIAGRAM_SHAPE_ROUNDED:
    default:
      return content_width + 2 * PAD_X * t->em;
    }
}

static double
shape_height (Typesetter     *t,
              EbDiagramShape  shape,
              double          content_height)
{
  if (shape == EB_DIAGRAM_SHAPE_ELLIPSE)
    return content_height * G_SQRT2 + 2 * PAD_Y * t->em;
  return content_height + 2 * PAD_Y * t->em;
}

static double
content_width_for (Typesetter     *t,
                   EbDiagramShape  shape,
                   double          width)
{
  switch (shape)
    {
    case EB_DIAGRAM_SHAPE_ELLIPSE:
      return MAX ((width - 2 * PAD_X * t->em) / G_SQRT2, t->em);
    case EB_DIAGRAM_SHAPE_NOTE:
      return MAX (width - 2 * PAD_X * t->em - 0.4 * FOLD * t->em, t->em);
    case EB_DIAGRAM_SHAPE_ROUNDED:
    default:
      return MAX (width - 2 * PAD_X * t->em, t->em);
    }
}

/* The tab of a group: its label with some room around it. */
static void
tab_size (Typesetter  *t,
          PangoLayout *label,
          double      *width,
          double      *height)
{
  *width = layout_width (label) + 2 * TAB_PAD_X * t->em;
  *height = layout_height (label) + 2 * TAB_PAD_Y * t->em;
}

/* ---- Shapes ---- */

static double
node_radius (const Node *node)
{
  return node->shape == EB_DIAGRAM_SHAPE_ROUNDED
         ? MIN (node->radius, MIN (node->rect.width, node->rect.height) / 2) : 0;
}

/* Whether (X, Y) is inside NODE's shape grown by GROW. */
static gboolean
node_contains (const Node *node,
               double      x,
               double      y,
               double      grow)
{
  const cairo_rectangle_t *r = &node->rect;
  double x0 = r->x - grow, y0 = r->y - grow;
  double x1 = r->x + r->width + grow, y1 = r->y + r->height + grow;

  if (x < x0 || x > x1 || y < y0 || y > y1)
    return FALSE;
  switch (node->shape)
    {
    case EB_DIAGRAM_SHAPE_ELLIPSE:
      {
        double a = (x1 - x0) / 2, b = (y1 - y0) / 2;
        double dx = (x - (x0 + a)) / a, dy = (y - (y0 + b)) / b;

        return dx * dx + dy * dy <= 1;
      }

    case EB_DIAGRAM_SHAPE_NOTE:
      {
        /* The folded corner is cut off along its diagonal. */
        double fold = MIN (node->radius, MIN (r->width, r->height) / 2) + grow;

        return (x - (x1 - fold)) <= (y - y0);
      }

    case EB_DIAGRAM_SHAPE_ROUNDED:
    default:
      {
        double radius = node_radius (node) + grow;
        double cx = CLAMP (x, x0 + radius, x1 - radius);
        double cy = CLAMP (y, y0 + radius, y1 - radius);

        /* Outside the corners' squares CX, CY is the point itself. */
        return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
      }
    }
}

static void
add_rounded_rect (cairo_t                 *cr,
                  const cairo_rectangle_t *r,
                  double                   radius)
{
  double x0 = r->x, y0 = r->y, x1 = r->x + r->width, y1 = r->y + r->height;

  radius = MIN (radius, MIN (r->width, r->height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x1 - radius, y0 + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x1 - radius, y1 - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x0 + radius, y1 - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + radius, y0 + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
add_node_path (cairo_t    *cr,
               const Node *node)
{
  const cairo_rectangle_t *r = &node->rect;

  switch (node->shape)
    {
    case EB_DIAGRAM_SHAPE_ELLIPSE:
      cairo_save (cr);
      cairo_translate (cr, r->x + r->width / 2, r->y + r->height / 2);
      cairo_scale (cr, r->width / 2, r->height / 2);
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_close_path (cr);
      cairo_restore (cr);
      break;

    case EB_DIAGRAM_SHAPE_NOTE:
      {
        double fold = MIN (node->radius, MIN (r->width, r->height) / 2);

        cairo_new_sub_path (cr);
        cairo_move_to (cr, r->x, r->y);
        cairo_line_to (cr, r->x + r->width - fold, r->y);
        cairo_line_to (cr, r->x + r->width, r->y + fold);
        cairo_line_to (cr, r->x + r->width, r->y + r->height);
        cairo_line_to (cr, r->x, r->y + r->height);
        cairo_close_path (cr);
      }
      break;

    case EB_DIAGRAM_SHAPE_ROUNDED:
    default:
      add_rounded_rect (cr, r, node_radius (node));
      break;
    }
}

/* ---- Laying out nodes ---- */

typedef struct
{
  EbDiagramDrawing *self;
  Typesetter        t;
  GHashTable       *node_index;    /* gint64 * id → index + 1 */
  guint             max_quotes;
} Builder;

static guint
add_text (EbDiagramDrawing *self,
          PangoLayout      *layout,
          double            x,
          double            y,
          EbColor           color,
          gboolean          halo)
{
  Text text = { g_object_ref (layout), x, y, color, halo };

  g_array_append_val (self->texts, text);
  return self->texts->len - 1;
}

static const Node *
find_node (Builder *b,
           gint64   id)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (b->node_index, &id));

  return index > 0 ? &g_array_index (b->self->nodes, Node, index - 1) : NULL;
}

static double
border_width_for (Builder       *b,
                  EbDiagramNode *node)
{
  double base = b->self->line_width;

  if (!b->self->options.count_borders || eb_diagram_node_get_theme_id (node) == 0
      || b->max_quotes == 0)
    return base;
  /* The square root of the node's share of the largest count, so that
   * small counts still show, up to three times the plain border: thicker
   * would crowd the text. */
  return base * (1 + 2 * sqrt ((double) eb_diagram_node_get_n_quotes (node) / b->max_quotes));
}

static void
layout_node (Builder       *b,
             EbDiagramNode *item)
{
  EbDiagramDrawing *self = b->self;
  Typesetter *t = &b->t;
  EbDiagramShape shape = eb_diagram_node_get_shape (item);
  g_autofree char *count = self->options.show_counts
                           ? eb_diagram_node_dup_count_label (item) : NULL;
  Content c;
  Node node = { 0 };
  double content_w, width, height, top, left;

  content_create (t, eb_diagram_node_get_label (item), eb_diagram_node_get_bullets (item),
                  count, &c);
  width = eb_diagram_node_get_width (item);
  if (width > 0)
    content_w = content_width_for (t, shape, width);
  else
    {
      content_w = content_natural_width (t, &c);
      width = shape_width (t, shape, content_w);
    }
  content_set_width (t, &c, content_w);
  height = MAX (eb_diagram_node_get_height (item), shape_height (t, shape, c.height));

  node.id = eb_diagram_node_get_id (item);
  node.shape = shape;
  node.rect = (cairo_rectangle_t) { eb_diagram_node_get_x (item), eb_diagram_node_get_y (item),
                                    width, height };
  node.radius = (shape == EB_DIAGRAM_SHAPE_NOTE ? FOLD : RADIUS) * t->em;
  node.has_accent = parse_color (eb_diagram_node_get_accent (item), &node.accent);
  node.fill = node.has_accent ? mix_colors (self->options.background, node.accent, 0.13)
                              : self->options.background;
  node.border = mix_colors (self->options.foreground, self->options.background, 0.3);
  node.border_width = border_width_for (b, item);

  /* The content block, centred in the node. */
  left = node.rect.x + (width - content_w) / 2;
  if (shape == EB_DIAGRAM_SHAPE_NOTE)
    left = node.rect.x + PAD_X * t->em;
  top = node.rect.y + (height - c.height) / 2;
  node.first_text = self->texts->len;
  add_text (self, c.label, left, top, self->text_color, FALSE);
  top += c.label_h;
  if (c.bullets != NULL)
    {
      top += GAP_BULLETS * t->em;
      add_text (self, c.bullets, left, top, self->text_color, FALSE);
      top += c.bullets_h;
    }
  if (c.count != NULL)
    {
      top += GAP_COUNT * t->em;
      add_text (self, c.count, left, top, self->muted, FALSE);
    }
  node.n_texts = self->texts->len - node.first_text;
  content_clear (&c);

  g_array_append_val (self->nodes, node);
  g_hash_table_insert (b->node_index, g_memdup2 (&node.id, sizeof node.id),
                       GUINT_TO_POINTER (self->nodes->len));
}

/* ---- Laying out edges ---- */

static void
append_bezier (GArray               *line,
               const EbDiagramPoint *p)
{
  for (guint i = 1; i <= BEZIER_STEPS; i++)
    {
      double t = (double) i / BEZIER_STEPS, u = 1 - t;
      EbDiagramPoint q = {
        u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x,
        u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y,
      };

      g_array_append_val (line, q);
    }
}

static EbDiagramPoint
centre_of (const Node *node)
{
  return (EbDiagramPoint) { node->rect.x + node->rect.width / 2,
                            node->rect.y + node->rect.height / 2 };
}

/* The path to clip, from the source's centre to the target's: through
 * the route flattened, or straight. */
static GArray *
raw_path (EbDiagramEdge *item,
          const Node    *source,
          const Node    *target)
{
  GArray *line = g_array_new (FALSE, FALSE, sizeof (EbDiagramPoint));
  const EbDiagramPoint *route;
  EbDiagramPoint centre = centre_of (source);
  guint n;

  /* Routes end on the border, a hair on either side of it: from the
   * centre, the crossing is found wherever it is. */
  route = eb_diagram_edge_get_route (item, &n);
  g_array_append_val (line, centre);
  if (route != NULL)
    {
      g_array_append_val (line, route[0]);
      for (guint i = 0; i + 3 < n; i += 3)
        append_bezier (line, route + i);
    }
  centre = centre_of (target);
  g_array_append_val (line, centre);
  return line;
}

/* Where the segment from A (on one side of NODE's border) to B (on the
 * other) crosses it. */
static EbDiagramPoint
border_crossing (const Node     *node,
                 EbDiagramPoint  a,
                 EbDiagramPoint  b)
{
  gboolean a_inside = node_contains (node, a.x, a.y, 0);
  double low = 0, high = 1;

  for (guint i = 0; i < 40; i++)
    {
      double middle = (low + high) / 2;
      EbDiagramPoint p = lerp (a, b, middle);

      if (node_contains (node, p.x, p.y, 0) == a_inside)
        low = middle;
      else
        high = middle;
    }
  /* The side of the border where the line is drawn. */
  return lerp (a, b, a_inside ? high : low);
}

static double
polyline_length (GArray *line)
{
  double length = 0;

  for (guint i = 1; i < line->len; i++)
    length += distance (g_array_index (line, EbDiagramPoint, i - 1),
                        g_array_index (line, EbDiagramPoint, i));
  return length;
}

/* The point LENGTH along LINE from its start (FROM_END: from its end),
 * and the index of the first point beyond it. */
static EbDiagramPoint
point_along (GArray   *line,
             double    length,
             gboolean  from_end,
             guint    *next)
{
  guint n = line->len;

  for (guint k = 1; k < n; k++)
    {
      guint i = from_end ? n - k : k - 1, j = from_end ? n - k - 1 : k;
      EbDiagramPoint a = g_array_index (line, EbDiagramPoint, i);
      EbDiagramPoint b = g_array_index (line, EbDiagramPoint, j);
      double d = distance (a, b);

      if (d >= length && d > 0)
        {
          *next = j;
          return lerp (a, b, length / d);
        }
      length -= d;
    }
  *next = from_end ? 0 : n - 1;
  return g_array_index (line, EbDiagramPoint, from_end ? 0 : n - 1);
}

/* A filled head with its tip on the border, pointing along the last
 * LENGTH of the line; the line is cut back to the head's base so that
 * its end does not show past the tip. */
static void
add_head (Edge     *edge,
          gboolean  at_end,
          double    length,
          double    half_width)
{
  GArray *line = edge->line;
  EbDiagramPoint tip = g_array_index (line, EbDiagramPoint, at_end ? line->len - 1 : 0);
  EbDiagramPoint back, base;
  double d, ux, uy;
  guint next;

  back = point_along (line, length, at_end, &next);
  d = distance (back, tip);
  if (d <= 0)
    return;
  ux = (tip.x - back.x) / d;
  uy = (tip.y - back.y) / d;
  base = (EbDiagramPoint) { tip.x - ux * length, tip.y - uy * length };
  edge->has_head[at_end ? 1 : 0] = TRUE;
  edge->head[at_end ? 1 : 0][0] = tip;
  edge->head[at_end ? 1 : 0][1] = (EbDiagramPoint) { base.x - uy * half_width,
                                                     base.y + ux * half_width };
  edge->head[at_end ? 1 : 0][2] = (EbDiagramPoint) { base.x + uy * half_width,
                                                     base.y - ux * half_width };

  /* Cut 90 % of the way: the line's end hides under the head. */
  back = point_along (line, 0.9 * length, at_end, &next);
  if (at_end)
    {
      g_array_set_size (line, next + 1);
      g_array_append_val (line, back);
    }
  else
    {
      g_array_remove_range (line, 0, next);
      g_array_prepend_val (line, back);
    }
}

static void
layout_edge (Builder       *b,
             EbDiagramEdge *item)
{
  EbDiagramDrawing *self = b->self;
  const Node *source = find_node (b, eb_diagram_edge_get_source_id (item));
  const Node *target = find_node (b, eb_diagram_edge_get_target_id (item));
  g_autoptr(GArray) path = NULL;
  Edge edge = { 0 };
  int leave = -1, enter = -1;
  double length, head;

  edge.id = eb_diagram_edge_get_id (item);
  edge.style = eb_diagram_edge_get_style (item);
  edge.label = -1;
  if (source != NULL && target != NULL && source != target)
    {
      path = raw_path (item, source, target);
      /* The segment where the path first leaves the source, and the one
       * where it last enters the target. */
      for (guint i = 0; i + 1 < path->len && leave < 0; i++)
        {
          EbDiagramPoint p = g_array_index (path, EbDiagramPoint, i);
          EbDiagramPoint q = g_array_index (path, EbDiagramPoint, i + 1);

          if (node_contains (source, p.x, p.y, 0) && !node_contains (source, q.x, q.y, 0))
            leave = (int) i;
        }
      for (guint i = path->len - 1; i-- > 0 && enter < 0;)
        {
          EbDiagramPoint p = g_array_index (path, EbDiagramPoint, i);
          EbDiagramPoint q = g_array_index (path, EbDiagramPoint, i + 1);

          if (!node_contains (target, p.x, p.y, 0) && node_contains (target, q.x, q.y, 0))
            enter = (int) i;
        }
    }
  if (leave >= 0 && enter >= leave)
    {
      edge.start = border_crossing (source, g_array_index (path, EbDiagramPoint, leave),
                                    g_array_index (path, EbDiagramPoint, leave + 1));
      edge.end = border_crossing (target, g_array_index (path, EbDiagramPoint, enter),
                                  g_array_index (path, EbDiagramPoint, enter + 1));
      /* Visible when it leaves the source before it enters the target,
       * outside both: not so between overlapping nodes. */
      edge.visible = !node_contains (target, edge.start.x, edge.start.y, 0)
                     && !node_contains (source, edge.end.x, edge.end.y, 0)
                     && (enter > leave
                         || distance (g_array_index (path, EbDiagramPoint, leave), edge.start)
                            < distance (g_array_index (path, EbDiagramPoint, leave), edge.end));
    }
  if (edge.visible)
    {
      edge.line = g_array_new (FALSE, FALSE, sizeof (EbDiagramPoint));
      g_array_append_val (edge.line, edge.start);
      if (enter > leave)
        g_array_append_vals (edge.line, &g_array_index (path, EbDiagramPoint, leave + 1),
                             (guint) (enter - leave));
      g_array_append_val (edge.line, edge.end);

      /* Heads shrink between close nodes, so that a line still shows. */
      length = polyline_length (edge.line);
      head = MIN (ARROW_LENGTH * b->t.em, length / 2.5);
      if (edge.style != EB_DIAGRAM_EDGE_ASSOCIATED)
        add_head (&edge, TRUE, head, head * ARROW_HALF_WIDTH / ARROW_LENGTH);
      if (edge.style == EB_DIAGRAM_EDGE_BIDIRECTIONAL)
        add_head (&edge, FALSE, head, head * ARROW_HALF_WIDTH / ARROW_LENGTH);
    }
  g_array_append_val (self->edges, edge);
}

/* Candidate places for a label along the line: the middle first, then
 * further out, each also nudged to either side of the line. */
static gboolean
place_label (Builder           *b,
             Edge              *edge,
             double             width,
             double             height,
             cairo_rectangle_t *best)
{
  static const double along[] = { 0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82 };
  EbDiagramDrawing *self = b->self;
  double length = polyline_length (edge->line), best_overlap = G_MAXDOUBLE;
  double clearance = LABEL_CLEARANCE * b->t.em;

  for (guint a = 0; a < G_N_ELEMENTS (along); a++)
    for (int side = 0; side < 3; side++)
      {
        guint next;
        EbDiagramPoint p = point_along (edge->line, along[a] * length, FALSE, &next);
        EbDiagramPoint q = g_array_index (edge->line, EbDiagramPoint, MIN (next, edge->line->len - 1));
        double d = distance (p, q), nx = 0, ny = 0, shift, overlap = 0;
        cairo_rectangle_t rect, grown;

        if (d > 0)
          {
            nx = -(q.y - p.y) / d;
            ny = (q.x - p.x) / d;
          }
        /* Far enough to the side for the label's box to clear the line. */
        shift = side == 0 ? 0 : (side == 1 ? 1 : -1)
                * (fabs (nx) * width / 2 + fabs (ny) * height / 2 + clearance);
        rect = (cairo_rectangle_t) { p.x + nx * shift - width / 2, p.y + ny * shift - height / 2,
                                     width, height };
        grown = rect;
        inflate (&grown, clearance);
        for (guint i = 0; i < self->nodes->len; i++)
          overlap += overlap_area (&grown, &g_array_index (self->nodes, Node, i).rect);
        for (guint i = 0; i < self->edges->len; i++)
          {
            const Edge *other = &g_array_index (self->edges, Edge, i);

            if (other->label >= 0)
              overlap += overlap_area (&grown, &other->label_rect);
          }
        if (overlap < best_overlap)
          {
            best_overlap = overlap;
            *best = rect;
            if (overlap == 0)
              return TRUE;
          }
      }
  return best_overlap < G_MAXDOUBLE;
}

static void
layout_edge_label (Builder       *b,
                   Edge          *edge,
                   EbDiagramEdge *item)
{
  const char *label = eb_diagram_edge_get_label (item);
  g_autoptr(PangoLayout) layout = NULL;
  cairo_rectangle_t rect;

  if (!edge->visible || *label == '\0')
    return;
  layout = create_text (&b->t, FONT_EDGE, label);
  set_layout_width (layout, LABEL_MAX * b->t.em);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  if (!place_label (b, edge, layout_width (layout), layout_height (layout), &rect))
    return;
  /* A centred layout's lines sit within its logical rectangle, which
   * starts where its width does. */
  set_layout_width (layout, rect.width);
  edge->label_rect = rect;
  edge->label = (int) add_text (b->self, layout, rect.x, rect.y, b->self->text_color, TRUE);
}

/* ---- Laying out groups ---- */

static void
layout_group (Builder        *b,
              EbDiagramGroup *item,
              EbDiagram      *diagram)
{
  EbDiagramDrawing *self = b->self;
  g_autoptr(GArray) members = eb_diagram_dup_group_members (diagram,
                                                            eb_diagram_group_get_id (item));
  g_autoptr(PangoLayout) label = NULL;
  cairo_rectangle_t box = { 0, 0, -1, -1 };
  double pad = EB_DIAGRAM_GROUP_PADDING, tab_w, tab_h;
  Group group = { 0 };

  for (guint i = 0; i < members->len; i++)
    {
      const Node *node = find_node (b, g_array_index (members, gint64, i));

      if (node != NULL)
        union_rect (&box, &node->rect);
    }
  if (box.width < 0)
    return;
  label = create_text (&b->t, FONT_GROUP, eb_diagram_group_get_label (item));
  tab_size (&b->t, label, &tab_w, &tab_h);
  group.id = eb_diagram_group_get_id (item);
  group.rect = (cairo_rectangle_t) { box.x - pad, box.y - pad - tab_h,
                                     MAX (box.width + 2 * pad, tab_w),
                                     box.height + 2 * pad + tab_h };
  group.tab = (cairo_rectangle_t) { group.rect.x, group.rect.y, tab_w, tab_h };
  group.label = add_text (self, label, group.tab.x + TAB_PAD_X * b->t.em,
                          group.tab.y + TAB_PAD_Y * b->t.em,
                          mix_colors (self->options.foreground, self->options.background, 0.2),
                          FALSE);
  g_array_append_val (self->groups, group);
}

static void
compute_bounds (EbDiagramDrawing *self)
{
  cairo_rectangle_t total = { 0, 0, -1, -1 };

  for (guint i = 0; i < self->nodes->len; i++)
    union_rect (&total, &g_array_index (self->nodes, Node, i).rect);
  for (guint i = 0; i < self->groups->len; i++)
    union_rect (&total, &g_array_index (self->groups, Group, i).rect);
  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);

      for (guint p = 0; edge->visible && p < edge->line->len; p++)
        {
          EbDiagramPoint q = g_array_index (edge->line, EbDiagramPoint, p);
          cairo_rectangle_t dot = { q.x, q.y, 0, 0 };

          union_rect (&total, &dot);
        }
      for (guint h = 0; h < 2; h++)
        for (guint p = 0; edge->has_head[h] && p < 3; p++)
          {
            cairo_rectangle_t dot = { edge->head[h][p].x, edge->head[h][p].y, 0, 0 };

            union_rect (&total, &dot);
          }
      if (edge->label >= 0)
        union_rect (&total, &edge->label_rect);
    }
  if (total.width < 0)
    {
      self->bounds = (cairo_rectangle_t) { 0, 0, 0, 0 };
      return;
    }
  /* Strokes are centred on the outlines: half the widest shows outside. */
  inflate (&total, self->options.margin + 2 * self->line_width);
  self->bounds = total;
}

static void
copy_options (EbDiagramDrawing             *self,
              const EbDiagramRenderOptions *options)
{
  self->options = *options;
  self->font_family = g_strdup (options->font_family != NULL && options->font_family[0] != '\0'
                                ? options->font_family : "Sans");
  self->options.font_family = self->font_family;
  if (!(self->options.font_size > 0 && self->options.font_size < 200))
    self->options.font_size = 9.0;
  if (!(self->options.margin >= 0))
    self->options.margin = 0;

  self->em = self->options.font_size;
  self->line_width = LINE_WIDTH * self->em;
  self->halo_width = HALO_WIDTH * self->em;
  self->text_color = mix_colors (options->foreground, options->background, 0.1);
  self->muted = mix_colors (options->foreground, options->background, 0.42);
  self->line_color = mix_colors (options->foreground, options->background, 0.22);
  self->group_line = mix_colors (options->foreground, options->background, 0.5);
  self->group_fill = mix_colors (options->foreground, options->background, 0.975);
  self->tab_fill = mix_colors (options->foreground, options->background, 0.9);
}

/* ---- Painting ---- */

static void
draw_text (const EbDiagramDrawing *self,
           cairo_t                *cr,
           const Text             *text)
{
  cairo_move_to (cr, text->x, text->y);
  if (text->halo)
    {
      /* The outline of the glyphs in the background colour, under them:
       * the label stays legible where it crosses a line. */
      cairo_save (cr);
      pango_cairo_layout_path (cr, text->layout);
      set_color (cr, &self->options.background);
      cairo_set_line_width (cr, self->halo_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_move_to (cr, text->x, text->y);
    }
  set_color (cr, &text->color);
  pango_cairo_show_layout (cr, text->layout);
}

static void
add_tab_path (cairo_t                 *cr,
              const cairo_rectangle_t *tab,
              double                   radius)
{
  double x0 = tab->x, y0 = tab->y, x1 = tab->x + tab->width, y1 = tab->y + tab->height;

  /* Rounded where it meets the box's corner and where it ends below. */
  cairo_new_sub_path (cr);
  cairo_move_to (cr, x0, y1);
  cairo_arc (cr, x0 + radius, y0 + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_line_to (cr, x1, y0);
  cairo_line_to (cr, x1, y1 - radius / 2);
  cairo_arc (cr, x1 - radius / 2, y1 - radius / 2, radius / 2, 0, G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_groups (const EbDiagramDrawing *self,
             cairo_t                *cr)
{
  double radius = GROUP_RADIUS * self->em;
  double dash[2] = { DASH_ON * self->em, DASH_OFF * self->em };

  for (guint i = 0; i < self->groups->len; i++)
    {
      const Group *group = &g_array_index (self->groups, Group, i);

      add_rounded_rect (cr, &group->rect, radius);
      set_color (cr, &self->group_fill);
      cairo_fill (cr);

      add_tab_path (cr, &group->tab, MIN (radius, group->tab.height / 2));
      set_color (cr, &self->tab_fill);
      cairo_fill (cr);

      add_rounded_rect (cr, &group->rect, radius);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, self->line_width);
      set_color (cr, &self->group_line);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      draw_text (self, cr, &g_array_index (self->texts, Text, group->label));
    }
}

static void
draw_edges (const EbDiagramDrawing *self,
            cairo_t                *cr)
{
  double dash[2] = { DASH_ON * self->em, DASH_OFF * self->em };

  cairo_set_line_width (cr, self->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  set_color (cr, &self->line_color);
  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);

      if (!edge->visible)
        continue;
      for (guint p = 0; p < edge->line->len; p++)
        {
          EbDiagramPoint q = g_array_index (edge->line, EbDiagramPoint, p);

          if (p == 0)
            cairo_move_to (cr, q.x, q.y);
          else
            cairo_line_to (cr, q.x, q.y);
        }
      if (edge->style == EB_DIAGRAM_EDGE_ASSOCIATED)
        cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      for (guint h = 0; h < 2; h++)
        if (edge->has_head[h])
          {
            cairo_move_to (cr, edge->head[h][0].x, edge->head[h][0].y);
            cairo_line_to (cr, edge->head[h][1].x, edge->head[h][1].y);
            cairo_line_to (cr, edge->head[h][2].x, edge->head[h][2].y);
            cairo_close_path (cr);
            cairo_fill (cr);
          }
    }
}

static void
draw_nodes (const EbDiagramDrawing *self,
            cairo_t                *cr)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node *node = &g_array_index (self->nodes, Node, i);

      add_node_path (cr, node);
      set_color (cr, &node->fill);
      cairo_fill (cr);

      if (node->has_accent)
        {
          cairo_save (cr);
          add_node_path (cr, node);
          cairo_clip (cr);
          cairo_rectangle (cr, node->rect.x, node->rect.y, ACCENT_WIDTH * self->em,
                           node->rect.height);
          set_color (cr, &node->accent);
          cairo_fill (cr);
          cairo_restore (cr);
        }

      add_node_path (cr, node);
      if (node->shape == EB_DIAGRAM_SHAPE_NOTE)
        {
          double fold = MIN (node->radius, MIN (node->rect.width, node->rect.height) / 2);
          double right = node->rect.x + node->rect.width;

          /* The fold's back. */
          cairo_move_to (cr, right - fold, node->rect.y);
          cairo_line_to (cr, right - fold, node->rect.y + fold);
          cairo_line_to (cr, right, node->rect.y + fold);
        }
      cairo_set_line_width (cr, node->border_width);
      set_color (cr, &node->border);
      cairo_stroke (cr);

      for (guint t = 0; t < node->n_texts; t++)
        draw_text (self, cr, &g_array_index (self->texts, Text, node->first_text + t));
    }
}

static void
draw_edge_labels (const EbDiagramDrawing *self,
                  cairo_t                *cr)
{
  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);

      if (edge->label >= 0)
        draw_text (self, cr, &g_array_index (self->texts, Text, (guint) edge->label));
    }
}

static void
handle_centres (const Node     *node,
                EbDiagramPoint *connect,
                EbDiagramPoint *resize)
{
  *connect = (EbDiagramPoint) { node->rect.x + node->rect.width,
                                node->rect.y + node->rect.height / 2 };
  *resize = (EbDiagramPoint) { node->rect.x + node->rect.width,
                               node->rect.y + node->rect.height };
}

static int
node_index_of (const EbDiagramDrawing *self,
               gint64                  id)
{
  for (guint i = 0; i < self->nodes->len; i++)
    if (g_array_index (self->nodes, Node, i).id == id)
      return (int) i;
  return -1;
}

static gboolean
near_rect_border (const cairo_rectangle_t *r,
                  double                   x,
                  double                   y,
                  double                   tolerance)
{
  cairo_rectangle_t outer = *r, inner = *r;

  inflate (&outer, tolerance);
  inflate (&inner, -tolerance);
  return x >= outer.x && x <= outer.x + outer.width && y >= outer.y && y <= outer.y + outer.height
         && !(x > inner.x && x < inner.x + inner.width && y > inner.y && y < inner.y + inner.height);
}

/* ---- Public API ---- */

void
eb_diagram_render_options_init (EbDiagramRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->font_family = "Cantarell";
  options->font_size = 9.0;
  options->foreground = (EbColor) { 0, 0, 0 };
  options->background = (EbColor) { 1, 1, 1 };
  options->fill_background = TRUE;
  options->show_counts = TRUE;
  options->count_borders = FALSE;
  options->margin = 8.0;
}

void
eb_diagram_render_measure (const EbDiagramText *text,
                           double              *width,
                           double              *height,
                           gpointer             user_data)
{
  const EbDiagramRenderOptions *options = user_data;
  EbDiagramRenderOptions defaults;
  Typesetter t;

  g_return_if_fail (text != NULL);
  g_return_if_fail (width != NULL && height != NULL);

  if (options == NULL)
    {
      eb_diagram_render_options_init (&defaults);
      options = &defaults;
    }
  defaults = *options;
  if (defaults.font_family == NULL || *defaults.font_family == '\0')
    defaults.font_family = "Sans";
  if (!(defaults.font_size > 0 && defaults.font_size < 200))
    defaults.font_size = 9.0;
  typesetter_init (&t, &defaults, NULL);

  switch (text->kind)
    {
    case EB_DIAGRAM_TEXT_NODE:
      {
        Content c;
        double content_w;

        content_create (&t, text->label, text->bullets,
                        text->linked && defaults.show_counts ? COUNT_SAMPLE : NULL, &c);
        content_w = content_natural_width (&t, &c);
        content_set_width (&t, &c, content_w);
        *width = ceil (shape_width (&t, text->shape, content_w));
        *height = ceil (shape_height (&t, text->shape, c.height));
        content_clear (&c);
      }
      break;

    case EB_DIAGRAM_TEXT_EDGE_LABEL:
      {
        g_autoptr(PangoLayout) layout = create_text (&t, FONT_EDGE, text->label);

        set_layout_width (layout, LABEL_MAX * t.em);
        *width = ceil (layout_width (layout));
        *height = ceil (layout_height (layout));
      }
      break;

    case EB_DIAGRAM_TEXT_GROUP_LABEL:
      {
        g_autoptr(PangoLayout) layout = create_text (&t, FONT_GROUP, text->label);

        tab_size (&t, layout, width, height);
        *width = ceil (*width);
        *height = ceil (*height);
      }
      break;

    default:
      g_return_if_reached ();
    }
  typesetter_clear (&t);
}

EbDiagramDrawing *
eb_diagram_drawing_new (EbDiagram                    *diagram,
                        const EbDiagramRenderOptions *options,
                        PangoContext                 *context)
{
  EbDiagramDrawing *self;
  EbDiagramRenderOptions defaults;
  GListModel *nodes, *edges, *groups;
  Builder b = { 0 };

  g_return_val_if_fail (EB_IS_DIAGRAM (diagram), NULL);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), NULL);

  if (options == NULL)
    {
      eb_diagram_render_options_init (&defaults);
      options = &defaults;
    }
  self = g_new0 (EbDiagramDrawing, 1);
  g_atomic_ref_count_init (&self->ref_count);
  copy_options (self, options);
  self->nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  self->edges = g_array_new (FALSE, TRUE, sizeof (Edge));
  g_array_set_clear_func (self->edges, clear_edge);
  self->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  self->texts = g_array_new (FALSE, TRUE, sizeof (Text));
  g_array_set_clear_func (self->texts, clear_text);

  b.self = self;
  typesetter_init (&b.t, &self->options, context);
  b.node_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  nodes = eb_diagram_get_nodes (diagram);
  edges = eb_diagram_get_edges (diagram);
  groups = eb_diagram_get_groups (diagram);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);

      if (eb_diagram_node_get_theme_id (node) != 0)
        b.max_quotes = MAX (b.max_quotes, eb_diagram_node_get_n_quotes (node));
    }
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);

      layout_node (&b, node);
    }
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(EbDiagramGroup) group = g_list_model_get_item (groups, i);

      layout_group (&b, group, diagram);
    }
  for (guint i = 0; i < g_list_model_get_n_items (edges); i++)
    {
      g_autoptr(EbDiagramEdge) edge = g_list_model_get_item (edges, i);

      layout_edge (&b, edge);
    }
  /* Labels once every line is known, each avoiding those placed before. */
  for (guint i = 0; i < g_list_model_get_n_items (edges); i++)
    {
      g_autoptr(EbDiagramEdge) edge = g_list_model_get_item (edges, i);

      layout_edge_label (&b, &g_array_index (self->edges, Edge, i), edge);
    }
  compute_bounds (self);

  g_hash_table_unref (b.node_index);
  typesetter_clear (&b.t);
  return self;
}

EbDiagramDrawing *
eb_diagram_drawing_ref (EbDiagramDrawing *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
eb_diagram_drawing_unref (EbDiagramDrawing *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_array_unref (self->groups);
  g_array_unref (self->texts);
  g_free (self->font_family);
  g_free (self);
}

void
eb_diagram_drawing_get_bounds (const EbDiagramDrawing *self,
                               cairo_rectangle_t      *bounds)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (bounds != NULL);

  *bounds = self->bounds;
}

guint
eb_diagram_drawing_get_n_nodes (const EbDiagramDrawing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->nodes->len;
}

gint64
eb_diagram_drawing_get_node_id (const EbDiagramDrawing *self,
                                guint                   index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->nodes->len, 0);

  return g_array_index (self->nodes, Node, index).id;
}

void
eb_diagram_drawing_get_node_rect (const EbDiagramDrawing *self,
                                  guint                   index,
                                  cairo_rectangle_t      *rect)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->nodes->len);
  g_return_if_fail (rect != NULL);

  *rect = g_array_index (self->nodes, Node, index).rect;
}

EbDiagramShape
eb_diagram_drawing_get_node_shape (const EbDiagramDrawing *self,
                                   guint                   index,
                                   double                 *radius)
{
  const Node *node;

  g_return_val_if_fail (self != NULL, EB_DIAGRAM_SHAPE_ROUNDED);
  g_return_val_if_fail (index < self->nodes->len, EB_DIAGRAM_SHAPE_ROUNDED);

  node = &g_array_index (self->nodes, Node, index);
  if (radius != NULL)
    *radius = node_radius (node);
  return node->shape;
}

gboolean
eb_diagram_drawing_node_contains (const EbDiagramDrawing *self,
                                  guint                   index,
                                  double                  x,
                                  double                  y)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->nodes->len, FALSE);

  return node_contains (&g_array_index (self->nodes, Node, index), x, y, 0);
}

guint
eb_diagram_drawing_get_n_edges (const EbDiagramDrawing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->edges->len;
}

gint64
eb_diagram_drawing_get_edge_id (const EbDiagramDrawing *self,
                                guint                   index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->edges->len, 0);

  return g_array_index (self->edges, Edge, index).id;
}

gboolean
eb_diagram_drawing_get_edge_ends (const EbDiagramDrawing *self,
                                  guint                   index,
                                  EbDiagramPoint         *start,
                                  EbDiagramPoint         *end)
{
  const Edge *edge;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->edges->len, FALSE);

  edge = &g_array_index (self->edges, Edge, index);
  if (!edge->visible)
    return FALSE;
  if (start != NULL)
    *start = edge->start;
  if (end != NULL)
    *end = edge->end;
  return TRUE;
}

gboolean
eb_diagram_drawing_get_edge_label_rect (const EbDiagramDrawing *self,
                                        guint                   index,
                                        cairo_rectangle_t      *rect)
{
  const Edge *edge;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->edges->len, FALSE);

  edge = &g_array_index (self->edges, Edge, index);
  if (edge->label < 0)
    return FALSE;
  if (rect != NULL)
    *rect = edge->label_rect;
  return TRUE;
}

guint
eb_diagram_drawing_get_n_groups (const EbDiagramDrawing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->groups->len;
}

gint64
eb_diagram_drawing_get_group_id (const EbDiagramDrawing *self,
                                 guint                   index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->groups->len, 0);

  return g_array_index (self->groups, Group, index).id;
}

void
eb_diagram_drawing_get_group_rect (const EbDiagramDrawing *self,
                                   guint                   index,
                                   cairo_rectangle_t      *rect)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->groups->len);
  g_return_if_fail (rect != NULL);

  *rect = g_array_index (self->groups, Group, index).rect;
}

EbDiagramHit
eb_diagram_drawing_hit (const EbDiagramDrawing *self,
                        double                  x,
                        double                  y,
                        double                  tolerance,
                        gint64                  active_node)
{
  EbDiagramHit hit = { EB_DIAGRAM_HIT_NONE, 0 };
  int active;

  g_return_val_if_fail (self != NULL, hit);

  tolerance = MAX (tolerance, 0);
  active = active_node != 0 ? node_index_of (self, active_node) : -1;
  if (active >= 0)
    {
      const Node *node = &g_array_index (self->nodes, Node, (guint) active);
      EbDiagramPoint connect, resize, here = { x, y };

      handle_centres (node, &connect, &resize);
      if (fabs (x - resize.x) <= HANDLE_SIZE * self->em / 2 + tolerance
          && fabs (y - resize.y) <= HANDLE_SIZE * self->em / 2 + tolerance)
        return (EbDiagramHit) { EB_DIAGRAM_HIT_RESIZE_HANDLE, node->id };
      if (distance (here, connect) <= HANDLE_RADIUS * self->em + tolerance)
        return (EbDiagramHit) { EB_DIAGRAM_HIT_CONNECT_HANDLE, node->id };
    }
  /* Later nodes are painted over earlier ones. */
  for (guint i = self->nodes->len; i-- > 0;)
    {
      const Node *node = &g_array_index (self->nodes, Node, i);

      if (node_contains (node, x, y, 0))
        return (EbDiagramHit) { EB_DIAGRAM_HIT_NODE, node->id };
    }
  for (guint i = self->edges->len; i-- > 0;)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);
      const cairo_rectangle_t *r = &edge->label_rect;

      if (edge->label >= 0 && x >= r->x && x <= r->x + r->width && y >= r->y
          && y <= r->y + r->height)
        return (EbDiagramHit) { EB_DIAGRAM_HIT_EDGE, edge->id };
    }
  for (guint i = self->edges->len; i-- > 0;)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);

      if (!edge->visible)
        continue;
      for (guint p = 1; p < edge->line->len; p++)
        if (distance_to_segment (x, y, g_array_index (edge->line, EbDiagramPoint, p - 1),
                                 g_array_index (edge->line, EbDiagramPoint, p))
            <= tolerance + self->line_width / 2)
          return (EbDiagramHit) { EB_DIAGRAM_HIT_EDGE, edge->id };
      for (guint h = 0; h < 2; h++)
        if (edge->has_head[h]
            && distance_to_segment (x, y, edge->head[h][0],
                                    lerp (edge->head[h][1], edge->head[h][2], 0.5))
               <= tolerance + ARROW_HALF_WIDTH * self->em)
          return (EbDiagramHit) { EB_DIAGRAM_HIT_EDGE, edge->id };
    }
  for (guint i = self->groups->len; i-- > 0;)
    {
      const Group *group = &g_array_index (self->groups, Group, i);
      const cairo_rectangle_t *tab = &group->tab;

      if ((x >= tab->x && x <= tab->x + tab->width && y >= tab->y && y <= tab->y + tab->height)
          || near_rect_border (&group->rect, x, y, MAX (tolerance, self->line_width)))
        return (EbDiagramHit) { EB_DIAGRAM_HIT_GROUP, group->id };
    }
  return hit;
}

void
eb_diagram_drawing_draw (const EbDiagramDrawing *self,
                         cairo_t                *cr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_new_path (cr);
  if (self->options.fill_background && self->bounds.width > 0)
    {
      cairo_rectangle (cr, self->bounds.x, self->bounds.y, self->bounds.width,
                       self->bounds.height);
      set_color (cr, &self->options.background);
      cairo_fill (cr);
    }
  /* Behind to front: group boxes, edges (so that a line never crosses a
   * node's text), nodes with their text, edge labels. */
  draw_groups (self, cr);
  draw_edges (self, cr);
  draw_nodes (self, cr);
  draw_edge_labels (self, cr);
  cairo_restore (cr);
}

void
eb_diagram_drawing_draw_selection (const EbDiagramDrawing *self,
                                   cairo_t                *cr,
                                   gint64                  node_id,
                                   const EbColor          *color)
{
  const Node *node;
  Node outline;
  EbDiagramPoint connect, resize;
  double size = HANDLE_SIZE * self->em;
  int index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (color != NULL);

  if ((index = node_index_of (self, node_id)) < 0)
    return;
  node = &g_array_index (self->nodes, Node, (guint) index);
  outline = *node;
  inflate (&outline.rect, 2 * self->line_width);
  outline.radius += 2 * self->line_width;

  cairo_save (cr);
  cairo_new_path (cr);
  add_node_path (cr, &outline);
  cairo_set_line_width (cr, 2 * self->line_width);
  set_color (cr, color);
  cairo_stroke (cr);

  handle_centres (node, &connect, &resize);
  cairo_new_sub_path (cr);
  cairo_arc (cr, connect.x, connect.y, HANDLE_RADIUS * self->em, 0, 2 * G_PI);
  cairo_rectangle (cr, resize.x - size / 2, resize.y - size / 2, size, size);
  set_color (cr, &self->options.background);
  cairo_fill_preserve (cr);
  set_color (cr, color);
  cairo_set_line_width (cr, 1.5 * self->line_width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
eb_diagram_drawing_draw_edge_selection (const EbDiagramDrawing *self,
                                        cairo_t                *cr,
                                        gint64                  edge_id,
                                        const EbColor          *color)
{
  const Edge *edge = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (color != NULL);

  for (guint i = 0; i < self->edges->len && edge == NULL; i++)
    if (g_array_index (self->edges, Edge, i).id == edge_id)
      edge = &g_array_index (self->edges, Edge, i);
  if (edge == NULL || !edge->visible)
    return;

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint p = 0; p < edge->line->len; p++)
    {
      EbDiagramPoint q = g_array_index (edge->line, EbDiagramPoint, p);

      if (p == 0)
        cairo_move_to (cr, q.x, q.y);
      else
        cairo_line_to (cr, q.x, q.y);
    }
  cairo_set_line_width (cr, 3 * self->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_color (cr, color);
  cairo_stroke (cr);
  for (guint h = 0; h < 2; h++)
    if (edge->has_head[h])
      {
        cairo_move_to (cr, edge->head[h][0].x, edge->head[h][0].y);
        cairo_line_to (cr, edge->head[h][1].x, edge->head[h][1].y);
        cairo_line_to (cr, edge->head[h][2].x, edge->head[h][2].y);
        cairo_close_path (cr);
        cairo_fill_preserve (cr);
        cairo_set_line_width (cr, self->line_width);
        cairo_stroke (cr);
      }
  cairo_restore (cr);
}

typedef struct
{
  const EbDiagramDrawing *drawing;
  double                  scale;
  double                  offset_x;
} ExportPaint;

static void
draw_export_cb (cairo_t  *cr,
                gpointer  user_data)
{
  const ExportPaint *paint = user_data;
  const cairo_rectangle_t *bounds = &paint->drawing->bounds;

  cairo_translate (cr, paint->offset_x, 0);
  cairo_scale (cr, paint->scale, paint->scale);
  cairo_translate (cr, -bounds->x, -bounds->y);
  eb_diagram_drawing_draw (paint->drawing, cr);
}

gboolean
eb_diagram_drawing_export (const EbDiagramDrawing  *self,
                           EbFigureFormat           format,
                           double                   width_mm,
                           double                   dpi,
                           const char              *path,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  ExportPaint paint = { self, 1.0, 0 };
  double width_pt = eb_figure_mm_to_points (width_mm);

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(width_mm >= 20 && width_mm <= 2000))
    {
      g_set_error (error, EB_FIGURE_ERROR, EB_FIGURE_ERROR_SIZE,
                   "Cannot write “%s”: a figure %g mm wide is not drawable "
                   "(choose 20 to 2000 mm)", path, width_mm);
      return FALSE;
    }
  if (self->nodes->len == 0 || self->bounds.width <= 0 || self->bounds.height <= 0)
    {
      g_set_error (error, EB_FIGURE_ERROR, EB_FIGURE_ERROR_SIZE,
                   "Cannot write “%s”: the diagram is empty", path);
      return FALSE;
    }
  paint.scale = MIN (1.0, width_pt / self->bounds.width);
  paint.offset_x = (width_pt - self->bounds.width * paint.scale) / 2;
  return eb_figure_write (path, format, width_pt, self->bounds.height * paint.scale, dpi,
                          draw_export_cb, &paint, cancellable, error);
}

gboolean
eb_diagram_export (EbDiagram                    *diagram,
                   const EbDiagramRenderOptions *options,
                   EbFigureFormat                format,
                   double                        width_mm,
                   double                        dpi,
                   const char                   *path,
                   GCancellable                 *cancellable,
                   GError                      **error)
{
  g_autoptr(EbDiagramDrawing) drawing = NULL;

  g_return_val_if_fail (EB_IS_DIAGRAM (diagram), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  drawing = eb_diagram_drawing_new (diagram, options, NULL);
  return eb_diagram_drawing_export (drawing, format, width_mm, dpi, path, cancellable, error);
}
