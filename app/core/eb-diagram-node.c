/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-diagram"

#include "config.h"

#include <string.h>

#include "eb-diagram-private.h"

struct _EbDiagramNode
{
  GObject           parent_instance;

  EbDiagramNodeRow *row;
  char             *theme_name;
  char             *theme_color;
  guint             n_quotes;
  guint             n_respondents;
};

G_DEFINE_FINAL_TYPE (EbDiagramNode, eb_diagram_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_BULLETS,
  PROP_SHAPE,
  PROP_COLOR,
  PROP_ACCENT,
  PROP_THEME_ID,
  PROP_THEME_NAME,
  PROP_THEME_COLOR,
  PROP_GROUP_ID,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_N_QUOTES,
  PROP_N_RESPONDENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue shape_values[] = {
  { EB_DIAGRAM_SHAPE_ROUNDED, "EB_DIAGRAM_SHAPE_ROUNDED", "rounded" },
  { EB_DIAGRAM_SHAPE_ELLIPSE, "EB_DIAGRAM_SHAPE_ELLIPSE", "ellipse" },
  { EB_DIAGRAM_SHAPE_NOTE, "EB_DIAGRAM_SHAPE_NOTE", "note" },
  { 0, NULL, NULL }
};

GType
eb_diagram_shape_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("EbDiagramShape", shape_values));
  return type;
}

/* Replaces *FIELD by VALUE; TRUE when that is a change. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
strv_equal (char **a,
            char **b)
{
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static void
notify (EbDiagramNode *self,
        guint          prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
eb_diagram_node_finalize (GObject *object)
{
  EbDiagramNode *self = EB_DIAGRAM_NODE (object);

  g_clear_pointer (&self->row, eb_diagram_node_row_free);
  g_clear_pointer (&self->theme_name, g_free);
  g_clear_pointer (&self->theme_color, g_free);

  G_OBJECT_CLASS (eb_diagram_node_parent_class)->finalize (object);
}

static void
eb_diagram_node_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbDiagramNode *self = EB_DIAGRAM_NODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->row->id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->row->label);
      break;

    case PROP_BULLETS:
      g_value_set_boxed (value, self->row->bullets);
      break;

    case PROP_SHAPE:
      g_value_set_enum (value, self->row->shape);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->row->color);
      break;

    case PROP_ACCENT:
      g_value_set_string (value, eb_diagram_node_get_accent (self));
      break;

    case PROP_THEME_ID:
      g_value_set_int64 (value, self->row->theme_id);
      break;

    case PROP_THEME_NAME:
      g_value_set_string (value, self->theme_name);
      break;

    case PROP_THEME_COLOR:
      g_value_set_string (value, self->theme_color);
      break;

    case PROP_GROUP_ID:
      g_value_set_int64 (value, self->row->group_id);
      break;

    case PROP_X:
      g_value_set_double (value, self->row->x);
      break;

    case PROP_Y:
      g_value_set_double (value, self->row->y);
      break;

    case PROP_WIDTH:
      g_value_set_double (value, self->row->width);
      break;

    case PROP_HEIGHT:
      g_value_set_double (value, self->row->height);
      break;

    case PROP_N_QUOTES:
      g_value_set_uint (value, self->n_quotes);
      break;

    case PROP_N_RESPONDENTS:
      g_value_set_uint (value, self->n_respondents);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_diagram_node_class_init (EbDiagramNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = eb_diagram_node_finalize;
  object_class->get_property = eb_diagram_node_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, "", flags);
  properties[PROP_BULLETS] = g_param_spec_boxed ("bullets", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SHAPE] =
    g_param_spec_enum ("shape", NULL, NULL, EB_TYPE_DIAGRAM_SHAPE, EB_DIAGRAM_SHAPE_ROUNDED,
                       flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_ACCENT] = g_param_spec_string ("accent", NULL, NULL, NULL, flags);
  properties[PROP_THEME_ID] =
    g_param_spec_int64 ("theme-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_THEME_NAME] = g_param_spec_string ("theme-name", NULL, NULL, NULL, flags);
  properties[PROP_THEME_COLOR] = g_param_spec_string ("theme-color", NULL, NULL, NULL, flags);
  properties[PROP_GROUP_ID] =
    g_param_spec_int64 ("group-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_X] = g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_Y] = g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_WIDTH] = g_param_spec_double ("width", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_HEIGHT] = g_param_spec_double ("height", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_N_QUOTES] = g_param_spec_uint ("n-quotes", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_RESPONDENTS] =
    g_param_spec_uint ("n-respondents", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_diagram_node_init (EbDiagramNode *self)
{
}

/* ---- Public API ---- */

const char *
eb_diagram_shape_to_string (EbDiagramShape shape)
{
  g_return_val_if_fail (shape <= EB_DIAGRAM_SHAPE_NOTE, NULL);

  return shape_values[shape].value_nick;
}

gboolean
eb_diagram_shape_from_string (const char     *name,
                              EbDiagramShape *shape)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; shape_values[i].value_nick != NULL; i++)
    if (g_ascii_strcasecmp (name, shape_values[i].value_nick) == 0)
      {
        if (shape != NULL)
          *shape = (EbDiagramShape) shape_values[i].value;
        return TRUE;
      }
  return FALSE;
}

gint64
eb_diagram_node_get_id (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), 0);

  return self->row->id;
}

const char *
eb_diagram_node_get_label (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), NULL);

  return self->row->label;
}

const char * const *
eb_diagram_node_get_bullets (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), NULL);

  return (const char * const *) self->row->bullets;
}

EbDiagramShape
eb_diagram_node_get_shape (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), EB_DIAGRAM_SHAPE_ROUNDED);

  return self->row->shape;
}

const char *
eb_diagram_node_get_color (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), NULL);

  return self->row->color;
}

const char *
eb_diagram_node_get_accent (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), NULL);

  return self->row->color != NULL ? self->row->color : self->theme_color;
}

gint64
eb_diagram_node_get_theme_id (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), 0);

  return self->row->theme_id;
}

const char *
eb_diagram_node_get_theme_name (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), NULL);

  return self->theme_name;
}

const char *
eb_diagram_node_get_theme_color (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), NULL);

  return self->theme_color;
}

gint64
eb_diagram_node_get_group_id (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), 0);

  return self->row->group_id;
}

double
eb_diagram_node_get_x (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), 0);

  return self->row->x;
}

double
eb_diagram_node_get_y (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), 0);

  return self->row->y;
}

double
eb_diagram_node_get_width (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), 0);

  return self->row->width;
}

double
eb_diagram_node_get_height (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), 0);

  return self->row->height;
}

guint
eb_diagram_node_get_n_quotes (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), 0);

  return self->n_quotes;
}

guint
eb_diagram_node_get_n_respondents (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), 0);

  return self->n_respondents;
}

char *
eb_diagram_node_dup_count_label (EbDiagramNode *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_NODE (self), NULL);

  if (self->row->theme_id == 0)
    return NULL;
  /* U+00B7 MIDDLE DOT between the two counts, as the issue shows them. */
  return g_strdup_printf ("n = %u %s \u00b7 %u %s",
                          self->n_quotes, self->n_quotes == 1 ? "quote" : "quotes",
                          self->n_respondents,
                          self->n_respondents == 1 ? "respondent" : "respondents");
}

/* ---- eb-diagram-private.h ---- */

EbDiagramNodeRow *
eb_diagram_node_row_new (void)
{
  EbDiagramNodeRow *row = g_new0 (EbDiagramNodeRow, 1);

  row->label = g_strdup ("");
  row->bullets = g_new0 (char *, 1);
  return row;
}

EbDiagramNodeRow *
eb_diagram_node_row_copy (const EbDiagramNodeRow *row)
{
  EbDiagramNodeRow *copy = g_memdup2 (row, sizeof *row);

  copy->label = g_strdup (row->label);
  copy->bullets = g_strdupv (row->bullets);
  copy->color = g_strdup (row->color);
  return copy;
}

void
eb_diagram_node_row_free (EbDiagramNodeRow *row)
{
  if (row == NULL)
    return;
  g_free (row->label);
  g_strfreev (row->bullets);
  g_free (row->color);
  g_free (row);
}

gboolean
eb_diagram_node_row_equal (const EbDiagramNodeRow *a,
                           const EbDiagramNodeRow *b)
{
  return a->id == b->id && a->theme_id == b->theme_id && a->group_id == b->group_id
         && g_strcmp0 (a->label, b->label) == 0
         && strv_equal (a->bullets, b->bullets)
         && a->shape == b->shape && g_strcmp0 (a->color, b->color) == 0
         && a->x == b->x && a->y == b->y && a->width == b->width && a->height == b->height;
}

EbDiagramNode *
eb_diagram_node_new (const EbDiagramNodeRow *row)
{
  EbDiagramNode *self = g_object_new (EB_TYPE_DIAGRAM_NODE, NULL);

  self->row = eb_diagram_node_row_copy (row);
  return self;
}

const EbDiagramNodeRow *
eb_diagram_node_get_row (EbDiagramNode *self)
{
  return self->row;
}

void
eb_diagram_node_apply_row (EbDiagramNode          *self,
                           const EbDiagramNodeRow *row)
{
  EbDiagramNodeRow *mine = self->row;
  g_autofree char *old_accent = g_strdup (eb_diagram_node_get_accent (self));

  g_assert (row->id == mine->id);

  g_object_freeze_notify (G_OBJECT (self));
  if (set_string (&mine->label, row->label))
    notify (self, PROP_LABEL);
  if (!strv_equal (mine->bullets, row->bullets))
    {
      g_strfreev (mine->bullets);
      mine->bullets = g_strdupv (row->bullets);
      notify (self, PROP_BULLETS);
    }
  if (mine->shape != row->shape)
    {
      mine->shape = row->shape;
      notify (self, PROP_SHAPE);
    }
  if (set_string (&mine->color, row->color))
    notify (self, PROP_COLOR);
  if (mine->theme_id != row->theme_id)
    {
      mine->theme_id = row->theme_id;
      notify (self, PROP_THEME_ID);
    }
  if (mine->group_id != row->group_id)
    {
      mine->group_id = row->group_id;
      notify (self, PROP_GROUP_ID);
    }
  if (mine->x != row->x)
    {
      mine->x = row->x;
      notify (self, PROP_X);
    }
  if (mine->y != row->y)
    {
      mine->y = row->y;
      notify (self, PROP_Y);
    }
  if (mine->width != row->width)
    {
      mine->width = row->width;
      notify (self, PROP_WIDTH);
    }
  if (mine->height != row->height)
    {
      mine->height = row->height;
      notify (self, PROP_HEIGHT);
    }
  if (g_strcmp0 (old_accent, eb_diagram_node_get_accent (self)) != 0)
    notify (self, PROP_ACCENT);
  g_object_thaw_notify (G_OBJECT (self));
}

void
eb_diagram_node_set_theme_info (EbDiagramNode *self,
                                const char    *name,
                                const char    *color,
                                guint          n_quotes,
                                guint          n_respondents)
{
  g_autofree char *old_accent = g_strdup (eb_diagram_node_get_accent (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (set_string (&self->theme_name, name))
    notify (self, PROP_THEME_NAME);
  if (set_string (&self->theme_color, color))
    notify (self, PROP_THEME_COLOR);
  if (self->n_quotes != n_quotes)
    {
      self->n_quotes = n_quotes;
      notify (self, PROP_N_QUOTES);
    }
  if (self->n_respondents != n_respondents)
    {
      self->n_respondents = n_respondents;
      notify (self, PROP_N_RESPONDENTS);
    }
  if (g_strcmp0 (old_accent, eb_diagram_node_get_accent (self)) != 0)
    notify (self, PROP_ACCENT);
  g_object_thaw_notify (G_OBJECT (self));
}
