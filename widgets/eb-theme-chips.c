/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-theme-chips"

#include "config.h"

#include "eb-theme-chips.h"
#include "palette.h"

/* Pixels: the padding inside a chip, the gap between chips, the longest
 * name before it is cut short, and the size of a compact dot. */
#define CHIP_PAD_X        7
#define CHIP_PAD_Y        1
#define CHIP_SPACING      4
#define CHIP_MAX_TEXT     300
#define DOT_SIZE          12

typedef struct
{
  char    *name;
  GdkRGBA  color;
  GdkRGBA  text_color;
  int      text_width;   /* pixels, for serial */
} Chip;

struct _EbThemeChips
{
  GtkWidget  parent_instance;

  GArray    *chips;         /* Chip */
  gboolean   compact;
  guint      serial;        /* of the Pango context the widths are for */
  int        text_height;
};

G_DEFINE_FINAL_TYPE (EbThemeChips, eb_theme_chips, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_chip (gpointer data)
{
  Chip *chip = data;

  g_clear_pointer (&chip->name, g_free);
}

static void
set_chip_color (Chip       *chip,
                const char *color)
{
  EbColor background, text;

  if (color == NULL || !gdk_rgba_parse (&chip->color, color))
    chip->color = (GdkRGBA) { 0.6f, 0.6f, 0.6f, 1.0f };
  background = (EbColor) { chip->color.red, chip->color.green, chip->color.blue };
  text = eb_color_contrasting (&background);
  chip->text_color = (GdkRGBA) { text.red, text.green, text.blue, 1.0f };
}

static PangoLayout *
create_layout (EbThemeChips *self,
               const Chip   *chip)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), chip->name);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, CHIP_MAX_TEXT * PANGO_SCALE);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* Text widths are measured once per font: rows rebind often, fonts rarely
 * change. */
static void
ensure_widths (EbThemeChips *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);

  if (serial == self->serial && self->text_height > 0)
    return;
  self->serial = serial;
  self->text_height = 0;
  for (guint i = 0; i < self->chips->len; i++)
    {
      Chip *chip = &g_array_index (self->chips, Chip, i);
      g_autoptr(PangoLayout) layout = create_layout (self, chip);
      int width, height;

      pango_layout_get_pixel_size (layout, &width, &height);
      chip->text_width = width;
      self->text_height = MAX (self->text_height, height);
    }
  if (self->text_height == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");

      pango_layout_get_pixel_size (layout, NULL, &self->text_height);
    }
}

static int
chip_width (EbThemeChips *self,
            const Chip   *chip)
{
  return self->compact ? DOT_SIZE : chip->text_width + 2 * CHIP_PAD_X;
}

static int
chip_height (EbThemeChips *self)
{
  return self->compact ? DOT_SIZE : self->text_height + 2 * CHIP_PAD_Y;
}

static int
chip_spacing (EbThemeChips *self)
{
  return self->compact ? CHIP_SPACING - 1 : CHIP_SPACING;
}

/* Lays the chips out in lines of at most WIDTH (-1: one line); fills
 * RECTS (may be NULL) and returns the height. */
static int
layout_chips (EbThemeChips    *self,
              int              width,
              graphene_rect_t *rects)
{
  int x = 0, y = 0;
  int height = chip_height (self), spacing = chip_spacing (self);

  if (self->chips->len == 0)
    return 0;
  for (guint i = 0; i < self->chips->len; i++)
    {
      const Chip *chip = &g_array_index (self->chips, Chip, i);
      int w = chip_width (self, chip);

      if (width >= 0 && x > 0 && x + w > width)
        {
          x = 0;
          y += height + spacing;
        }
      if (width >= 0)
        w = MIN (w, width);
      if (rects != NULL)
        graphene_rect_init (&rects[i], x, y, w, height);
      x += w + spacing;
    }
  return y + height;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  EbThemeChips *self = EB_THEME_CHIPS (widget);
  g_autofree graphene_rect_t *rects = NULL;

  if (self->chips->len == 0)
    return FALSE;
  ensure_widths (self);
  rects = g_new (graphene_rect_t, self->chips->len);
  layout_chips (self, gtk_widget_get_width (widget), rects);
  for (guint i = 0; i < self->chips->len; i++)
    {
      const Chip *chip = &g_array_index (self->chips, Chip, i);

      if (keyboard_mode || graphene_rect_contains_point (&rects[i], &GRAPHENE_POINT_INIT (x, y)))
        {
          gtk_tooltip_set_text (tooltip, chip->name);
          return TRUE;
        }
    }
  return FALSE;
}

static GtkSizeRequestMode
eb_theme_chips_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
eb_theme_chips_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  EbThemeChips *self = EB_THEME_CHIPS (widget);

  ensure_widths (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int widest = 0, total = 0;

      for (guint i = 0; i < self->chips->len; i++)
        {
          int w = chip_width (self, &g_array_index (self->chips, Chip, i));

          widest = MAX (widest, w);
          total += w + (i > 0 ? chip_spacing (self) : 0);
        }
      /* A chip narrower than its name cuts the name short. */
      *minimum = MIN (widest, 4 * chip_height (self) + 2 * CHIP_PAD_X);
      *natural = total;
    }
  else
    {
      int height = layout_chips (self, for_size, NULL);

      *minimum = *natural = height;
    }
}

static void
eb_theme_chips_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  EbThemeChips *self = EB_THEME_CHIPS (widget);
  g_autofree graphene_rect_t *rects = NULL;

  if (self->chips->len == 0)
    return;
  ensure_widths (self);
  rects = g_new (graphene_rect_t, self->chips->len);
  layout_chips (self, gtk_widget_get_width (widget), rects);

  for (guint i = 0; i < self->chips->len; i++)
    {
      const Chip *chip = &g_array_index (self->chips, Chip, i);
      GskRoundedRect outline;
      float radius = rects[i].size.height / 2.0f;

      gsk_rounded_rect_init_from_rect (&outline, &rects[i], radius);
      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, &chip->color, &rects[i]);
      gtk_snapshot_pop (snapshot);

      if (!self->compact)
        {
          g_autoptr(PangoLayout) layout = create_layout (self, chip);

          pango_layout_set_width (layout, MAX (1, (int) rects[i].size.width - 2 * CHIP_PAD_X) * PANGO_SCALE);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot,
                                  &GRAPHENE_POINT_INIT (rects[i].origin.x + CHIP_PAD_X,
                                                        rects[i].origin.y + CHIP_PAD_Y));
          gtk_snapshot_append_layout (snapshot, layout, &chip->text_color);
          gtk_snapshot_restore (snapshot);
        }
    }
}

static void
eb_theme_chips_finalize (GObject *object)
{
  EbThemeChips *self = EB_THEME_CHIPS (object);

  g_clear_pointer (&self->chips, g_array_unref);

  G_OBJECT_CLASS (eb_theme_chips_parent_class)->finalize (object);
}

static void
eb_theme_chips_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EbThemeChips *self = EB_THEME_CHIPS (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_theme_chips_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EbThemeChips *self = EB_THEME_CHIPS (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      eb_theme_chips_set_compact (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_theme_chips_class_init (EbThemeChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = eb_theme_chips_finalize;
  object_class->get_property = eb_theme_chips_get_property;
  object_class->set_property = eb_theme_chips_set_property;

  widget_class->get_request_mode = eb_theme_chips_get_request_mode;
  widget_class->measure = eb_theme_chips_measure;
  widget_class->snapshot = eb_theme_chips_snapshot;

  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "themechips");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
eb_theme_chips_init (EbThemeChips *self)
{
  self->chips = g_array_new (FALSE, TRUE, sizeof (Chip));
  g_array_set_clear_func (self->chips, clear_chip);
  gtk_widget_add_css_class (GTK_WIDGET (self), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

static void
chips_changed (EbThemeChips *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  self->text_height = 0;
  for (guint i = 0; i < self->chips->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, g_array_index (self->chips, Chip, i).name);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, names->str,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self), self->chips->len > 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

GtkWidget *
eb_theme_chips_new (void)
{
  return g_object_new (EB_TYPE_THEME_CHIPS, NULL);
}

void
eb_theme_chips_set_themes (EbThemeChips *self,
                           EbCodebook   *codebook,
                           const gint64 *ids,
                           guint         n_ids)
{
  g_return_if_fail (EB_IS_THEME_CHIPS (self));
  g_return_if_fail (EB_IS_CODEBOOK (codebook));
  g_return_if_fail (ids != NULL || n_ids == 0);

  g_array_set_size (self->chips, 0);
  for (guint i = 0; i < n_ids; i++)
    {
      EbTheme *theme = eb_codebook_get_theme (codebook, ids[i]);
      Chip chip = { 0, };

      if (theme == NULL)
        continue;
      chip.name = g_strdup (eb_theme_get_name (theme));
      set_chip_color (&chip, eb_theme_get_color (theme));
      g_array_append_val (self->chips, chip);
    }
  chips_changed (self);
}

void
eb_theme_chips_set_single (EbThemeChips *self,
                           const char   *name,
                           const char   *color)
{
  Chip chip = { 0, };

  g_return_if_fail (EB_IS_THEME_CHIPS (self));
  g_return_if_fail (name != NULL);

  g_array_set_size (self->chips, 0);
  chip.name = g_strdup (name);
  set_chip_color (&chip, color);
  g_array_append_val (self->chips, chip);
  chips_changed (self);
}

void
eb_theme_chips_clear (EbThemeChips *self)
{
  g_return_if_fail (EB_IS_THEME_CHIPS (self));

  if (self->chips->len == 0)
    return;
  g_array_set_size (self->chips, 0);
  chips_changed (self);
}

guint
eb_theme_chips_get_n_chips (EbThemeChips *self)
{
  g_return_val_if_fail (EB_IS_THEME_CHIPS (self), 0);

  return self->chips->len;
}

const char *
eb_theme_chips_get_chip_name (EbThemeChips *self,
                              guint         i)
{
  g_return_val_if_fail (EB_IS_THEME_CHIPS (self), NULL);
  g_return_val_if_fail (i < self->chips->len, NULL);

  return g_array_index (self->chips, Chip, i).name;
}

gboolean
eb_theme_chips_get_compact (EbThemeChips *self)
{
  g_return_val_if_fail (EB_IS_THEME_CHIPS (self), FALSE);

  return self->compact;
}

void
eb_theme_chips_set_compact (EbThemeChips *self,
                            gboolean      compact)
{
  g_return_if_fail (EB_IS_THEME_CHIPS (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}
