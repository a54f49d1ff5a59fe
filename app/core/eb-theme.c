/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-theme"

#include "config.h"

#include <string.h>

#include "eb-theme.h"
#include "eb-coding-private.h"

struct _EbTheme
{
  GObject       parent_instance;

  gint64        id;
  gint64        parent_id;
  char         *name;
  char         *color;
  char         *description;
  EbThemeLevel  level;
  guint         position;
  gboolean      codable;

  EbTheme      *parent;    /* not a reference: the codebook clears it first */
  GListStore   *children;  /* EbTheme */
};

G_DEFINE_FINAL_TYPE (EbTheme, eb_theme, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_DESCRIPTION,
  PROP_LEVEL,
  PROP_CODABLE,
  PROP_PARENT,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue level_values[] = {
  { EB_THEME_LEVEL_NONE, "EB_THEME_LEVEL_NONE", "none" },
  { EB_THEME_LEVEL_OPEN, "EB_THEME_LEVEL_OPEN", "open" },
  { EB_THEME_LEVEL_AXIAL, "EB_THEME_LEVEL_AXIAL", "axial" },
  { EB_THEME_LEVEL_SELECTIVE, "EB_THEME_LEVEL_SELECTIVE", "selective" },
  { 0, NULL, NULL }
};

GType
eb_theme_level_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("EbThemeLevel", level_values));
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

static void
eb_theme_finalize (GObject *object)
{
  EbTheme *self = EB_THEME (object);

  g_clear_object (&self->children);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (eb_theme_parent_class)->finalize (object);
}

static void
eb_theme_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EbTheme *self = EB_THEME (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;

    case PROP_CODABLE:
      g_value_set_boolean (value, self->codable);
      break;

    case PROP_PARENT:
      g_value_set_object (value, self->parent);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_theme_class_init (EbThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eb_theme_finalize;
  object_class->get_property = eb_theme_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL, EB_TYPE_THEME_LEVEL, EB_THEME_LEVEL_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODABLE] =
    g_param_spec_boolean ("codable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT] =
    g_param_spec_object ("parent", NULL, NULL, EB_TYPE_THEME,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_theme_init (EbTheme *self)
{
  self->description = g_strdup ("");
  self->codable = TRUE;
  self->children = g_list_store_new (EB_TYPE_THEME);
}

/* ---- eb-coding-private.h ---- */

EbThemeRow *
eb_theme_row_new (void)
{
  EbThemeRow *row = g_new0 (EbThemeRow, 1);

  row->description = g_strdup ("");
  row->codable = TRUE;
  return row;
}

EbThemeRow *
eb_theme_row_copy (const EbThemeRow *row)
{
  EbThemeRow *copy = g_memdup2 (row, sizeof *row);

  copy->name = g_strdup (row->name);
  copy->color = g_strdup (row->color);
  copy->description = g_strdup (row->description);
  return copy;
}

void
eb_theme_row_free (EbThemeRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->color);
  g_free (row->description);
  g_free (row);
}

gboolean
eb_theme_row_equal (const EbThemeRow *a,
                    const EbThemeRow *b)
{
  return a->id == b->id && a->parent_id == b->parent_id &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->color, b->color) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         a->level == b->level && a->position == b->position &&
         a->codable == b->codable;
}

EbTheme *
eb_theme_new_from_row (const EbThemeRow *row)
{
  EbTheme *self = g_object_new (EB_TYPE_THEME, NULL);

  self->id = row->id;
  self->parent_id = row->parent_id;
  self->name = g_strdup (row->name);
  self->color = g_strdup (row->color);
  g_free (self->description);
  self->description = g_strdup (row->description != NULL ? row->description : "");
  self->level = row->level;
  self->position = row->position;
  self->codable = row->codable;
  return self;
}

EbThemeRow *
eb_theme_dup_row (EbTheme *theme)
{
  EbThemeRow *row = g_new0 (EbThemeRow, 1);

  row->id = theme->id;
  row->parent_id = theme->parent_id;
  row->name = g_strdup (theme->name);
  row->color = g_strdup (theme->color);
  row->description = g_strdup (theme->description);
  row->level = theme->level;
  row->position = theme->position;
  row->codable = theme->codable;
  return row;
}

/* The codebook freezes notification around a batch of changes, so each
 * property notifies once, after the tree is back in order. */
void
eb_theme_set_row (EbTheme          *theme,
                  const EbThemeRow *row)
{
  GObject *object = G_OBJECT (theme);

  g_assert (row->id == theme->id);

  /* parent_id is followed by "parent", which the codebook sets. */
  theme->parent_id = row->parent_id;
  if (set_string (&theme->name, row->name))
    g_object_notify_by_pspec (object, properties[PROP_NAME]);
  if (set_string (&theme->color, row->color))
    g_object_notify_by_pspec (object, properties[PROP_COLOR]);
  if (set_string (&theme->description, row->description != NULL ? row->description : ""))
    g_object_notify_by_pspec (object, properties[PROP_DESCRIPTION]);
  if (theme->level != row->level)
    {
      theme->level = row->level;
      g_object_notify_by_pspec (object, properties[PROP_LEVEL]);
    }
  if (theme->position != row->position)
    {
      theme->position = row->position;
      g_object_notify_by_pspec (object, properties[PROP_POSITION]);
    }
  if (theme->codable != row->codable)
    {
      theme->codable = row->codable;
      g_object_notify_by_pspec (object, properties[PROP_CODABLE]);
    }
}

void
eb_theme_set_parent (EbTheme *theme,
                     EbTheme *parent)
{
  if (theme->parent == parent)
    return;
  theme->parent = parent;
  g_object_notify_by_pspec (G_OBJECT (theme), properties[PROP_PARENT]);
}

GListStore *
eb_theme_get_children_store (EbTheme *theme)
{
  return theme->children;
}

/* ---- Public API ---- */

const char *
eb_theme_level_to_string (EbThemeLevel level)
{
  g_return_val_if_fail ((guint) level < G_N_ELEMENTS (level_values) - 1, NULL);

  return level_values[level].value_nick;
}

gboolean
eb_theme_level_from_string (const char   *name,
                            EbThemeLevel *level)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; level_values[i].value_nick != NULL; i++)
    if (g_ascii_strcasecmp (name, level_values[i].value_nick) == 0)
      {
        if (level != NULL)
          *level = (EbThemeLevel) level_values[i].value;
        return TRUE;
      }
  return FALSE;
}

gint64
eb_theme_get_id (EbTheme *self)
{
  g_return_val_if_fail (EB_IS_THEME (self), 0);

  return self->id;
}

const char *
eb_theme_get_name (EbTheme *self)
{
  g_return_val_if_fail (EB_IS_THEME (self), NULL);

  return self->name;
}

const char *
eb_theme_get_color (EbTheme *self)
{
  g_return_val_if_fail (EB_IS_THEME (self), NULL);

  return self->color;
}

const char *
eb_theme_get_description (EbTheme *self)
{
  g_return_val_if_fail (EB_IS_THEME (self), NULL);

  return self->description;
}

EbThemeLevel
eb_theme_get_level (EbTheme *self)
{
  g_return_val_if_fail (EB_IS_THEME (self), EB_THEME_LEVEL_NONE);

  return self->level;
}

gboolean
eb_theme_get_codable (EbTheme *self)
{
  g_return_val_if_fail (EB_IS_THEME (self), FALSE);

  return self->codable;
}

EbTheme *
eb_theme_get_parent (EbTheme *self)
{
  g_return_val_if_fail (EB_IS_THEME (self), NULL);

  return self->parent;
}

gint64
eb_theme_get_parent_id (EbTheme *self)
{
  g_return_val_if_fail (EB_IS_THEME (self), 0);

  return self->parent_id;
}

guint
eb_theme_get_position (EbTheme *self)
{
  g_return_val_if_fail (EB_IS_THEME (self), 0);

  return self->position;
}

GListModel *
eb_theme_get_children (EbTheme *self)
{
  g_return_val_if_fail (EB_IS_THEME (self), NULL);

  return G_LIST_MODEL (self->children);
}

guint
eb_theme_get_depth (EbTheme *self)
{
  guint depth = 0;

  g_return_val_if_fail (EB_IS_THEME (self), 0);

  for (EbTheme *up = self->parent; up != NULL; up = up->parent)
    depth++;
  return depth;
}
