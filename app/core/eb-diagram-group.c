/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-diagram"

#include "config.h"

#include "eb-diagram-private.h"

struct _EbDiagramGroup
{
  GObject            parent_instance;

  EbDiagramGroupRow *row;
};

G_DEFINE_FINAL_TYPE (EbDiagramGroup, eb_diagram_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eb_diagram_group_finalize (GObject *object)
{
  EbDiagramGroup *self = EB_DIAGRAM_GROUP (object);

  g_clear_pointer (&self->row, eb_diagram_group_row_free);

  G_OBJECT_CLASS (eb_diagram_group_parent_class)->finalize (object);
}

static void
eb_diagram_group_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EbDiagramGroup *self = EB_DIAGRAM_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->row->id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->row->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_diagram_group_class_init (EbDiagramGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = eb_diagram_group_finalize;
  object_class->get_property = eb_diagram_group_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_diagram_group_init (EbDiagramGroup *self)
{
}

/* ---- Public API ---- */

gint64
eb_diagram_group_get_id (EbDiagramGroup *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_GROUP (self), 0);

  return self->row->id;
}

const char *
eb_diagram_group_get_label (EbDiagramGroup *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_GROUP (self), NULL);

  return self->row->label;
}

/* ---- eb-diagram-private.h ---- */

EbDiagramGroupRow *
eb_diagram_group_row_new (void)
{
  EbDiagramGroupRow *row = g_new0 (EbDiagramGroupRow, 1);

  row->label = g_strdup ("");
  return row;
}

EbDiagramGroupRow *
eb_diagram_group_row_copy (const EbDiagramGroupRow *row)
{
  EbDiagramGroupRow *copy = g_memdup2 (row, sizeof *row);

  copy->label = g_strdup (row->label);
  return copy;
}

void
eb_diagram_group_row_free (EbDiagramGroupRow *row)
{
  if (row == NULL)
    return;
  g_free (row->label);
  g_free (row);
}

EbDiagramGroup *
eb_diagram_group_new (const EbDiagramGroupRow *row)
{
  EbDiagramGroup *self = g_object_new (EB_TYPE_DIAGRAM_GROUP, NULL);

  self->row = eb_diagram_group_row_copy (row);
  return self;
}

const EbDiagramGroupRow *
eb_diagram_group_get_row (EbDiagramGroup *self)
{
  return self->row;
}

void
eb_diagram_group_apply_row (EbDiagramGroup          *self,
                            const EbDiagramGroupRow *row)
{
  g_assert (row->id == self->row->id);

  if (g_strcmp0 (self->row->label, row->label) == 0)
    return;
  g_free (self->row->label);
  self->row->label = g_strdup (row->label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}
