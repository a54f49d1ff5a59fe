/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-diagram"

#include "config.h"

#include <math.h>
#include <string.h>

#include "eb-diagram-private.h"

struct _EbDiagramEdge
{
  GObject           parent_instance;

  EbDiagramEdgeRow *row;
};

G_DEFINE_FINAL_TYPE (EbDiagramEdge, eb_diagram_edge, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE_ID,
  PROP_TARGET_ID,
  PROP_LABEL,
  PROP_STYLE,
  PROP_ROUTED,  /* notified when the route changes; read it with get_route */
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue style_values[] = {
  { EB_DIAGRAM_EDGE_LEADS_TO, "EB_DIAGRAM_EDGE_LEADS_TO", "leads-to" },
  { EB_DIAGRAM_EDGE_ASSOCIATED, "EB_DIAGRAM_EDGE_ASSOCIATED", "associated" },
  { EB_DIAGRAM_EDGE_BIDIRECTIONAL, "EB_DIAGRAM_EDGE_BIDIRECTIONAL", "bidirectional" },
  { 0, NULL, NULL }
};

GType
eb_diagram_edge_style_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("EbDiagramEdgeStyle", style_values));
  return type;
}

static gboolean
routes_equal (const GArray *a,
              const GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len
         && memcmp (a->data, b->data, a->len * sizeof (EbDiagramPoint)) == 0;
}

static GArray *
copy_route (const GArray *route)
{
  GArray *copy;

  if (route == NULL)
    return NULL;
  copy = g_array_sized_new (FALSE, FALSE, sizeof (EbDiagramPoint), route->len);
  g_array_append_vals (copy, route->data, route->len);
  return copy;
}

static void
notify (EbDiagramEdge *self,
        guint          prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
eb_diagram_edge_finalize (GObject *object)
{
  EbDiagramEdge *self = EB_DIAGRAM_EDGE (object);

  g_clear_pointer (&self->row, eb_diagram_edge_row_free);

  G_OBJECT_CLASS (eb_diagram_edge_parent_class)->finalize (object);
}

static void
eb_diagram_edge_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbDiagramEdge *self = EB_DIAGRAM_EDGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->row->id);
      break;

    case PROP_SOURCE_ID:
      g_value_set_int64 (value, self->row->source_id);
      break;

    case PROP_TARGET_ID:
      g_value_set_int64 (value, self->row->target_id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->row->label);
      break;

    case PROP_STYLE:
      g_value_set_enum (value, self->row->style);
      break;

    case PROP_ROUTED:
      g_value_set_boolean (value, self->row->route != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_diagram_edge_class_init (EbDiagramEdgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = eb_diagram_edge_finalize;
  object_class->get_property = eb_diagram_edge_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SOURCE_ID] =
    g_param_spec_int64 ("source-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TARGET_ID] =
    g_param_spec_int64 ("target-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, "", flags);
  properties[PROP_STYLE] =
    g_param_spec_enum ("style", NULL, NULL, EB_TYPE_DIAGRAM_EDGE_STYLE,
                       EB_DIAGRAM_EDGE_LEADS_TO, flags);
  /* Whether it has a route. */
  properties[PROP_ROUTED] = g_param_spec_boolean ("routed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_diagram_edge_init (EbDiagramEdge *self)
{
}

/* ---- Public API ---- */

const char *
eb_diagram_edge_style_to_string (EbDiagramEdgeStyle style)
{
  g_return_val_if_fail (style <= EB_DIAGRAM_EDGE_BIDIRECTIONAL, NULL);

  return style_values[style].value_nick;
}

gboolean
eb_diagram_edge_style_from_string (const char         *name,
                                   EbDiagramEdgeStyle *style)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; style_values[i].value_nick != NULL; i++)
    if (g_ascii_strcasecmp (name, style_values[i].value_nick) == 0)
      {
        if (style != NULL)
          *style = (EbDiagramEdgeStyle) style_values[i].value;
        return TRUE;
      }
  return FALSE;
}

gint64
eb_diagram_edge_get_id (EbDiagramEdge *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_EDGE (self), 0);

  return self->row->id;
}

gint64
eb_diagram_edge_get_source_id (EbDiagramEdge *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_EDGE (self), 0);

  return self->row->source_id;
}

gint64
eb_diagram_edge_get_target_id (EbDiagramEdge *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_EDGE (self), 0);

  return self->row->target_id;
}

const char *
eb_diagram_edge_get_label (EbDiagramEdge *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_EDGE (self), NULL);

  return self->row->label;
}

EbDiagramEdgeStyle
eb_diagram_edge_get_style (EbDiagramEdge *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_EDGE (self), EB_DIAGRAM_EDGE_LEADS_TO);

  return self->row->style;
}

const EbDiagramPoint *
eb_diagram_edge_get_route (EbDiagramEdge *self,
                           guint         *n_points)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_EDGE (self), NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  if (self->row->route == NULL)
    {
      *n_points = 0;
      return NULL;
    }
  *n_points = self->row->route->len;
  return (const EbDiagramPoint *) (gconstpointer) self->row->route->data;
}

/* ---- eb-diagram-private.h ---- */

EbDiagramEdgeRow *
eb_diagram_edge_row_new (void)
{
  EbDiagramEdgeRow *row = g_new0 (EbDiagramEdgeRow, 1);

  row->label = g_strdup ("");
  return row;
}

EbDiagramEdgeRow *
eb_diagram_edge_row_copy (const EbDiagramEdgeRow *row)
{
  EbDiagramEdgeRow *copy = g_memdup2 (row, sizeof *row);

  copy->label = g_strdup (row->label);
  copy->route = copy_route (row->route);
  return copy;
}

void
eb_diagram_edge_row_free (EbDiagramEdgeRow *row)
{
  if (row == NULL)
    return;
  g_free (row->label);
  g_clear_pointer (&row->route, g_array_unref);
  g_free (row);
}

gboolean
eb_diagram_edge_row_equal (const EbDiagramEdgeRow *a,
                           const EbDiagramEdgeRow *b)
{
  return a->id == b->id && a->source_id == b->source_id && a->target_id == b->target_id
         && g_strcmp0 (a->label, b->label) == 0 && a->style == b->style
         && routes_equal (a->route, b->route);
}

/* Shortest round-trip text for each coordinate, with a C locale point, so
 * that a route reads back exactly as it was written. */
char *
eb_diagram_route_to_string (const GArray *route)
{
  GString *text;

  if (route == NULL || route->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < route->len; i++)
    {
      const EbDiagramPoint *p = &g_array_index (route, EbDiagramPoint, i);
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (text, "%s%s,%s", i > 0 ? " " : "",
                              g_ascii_dtostr (x, sizeof x, p->x),
                              g_ascii_dtostr (y, sizeof y, p->y));
    }
  return g_string_free (text, FALSE);
}

GArray *
eb_diagram_route_from_string (const char *text)
{
  g_auto(GStrv) pairs = NULL;
  g_autoptr(GArray) route = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  pairs = g_strsplit (text, " ", -1);
  route = g_array_new (FALSE, FALSE, sizeof (EbDiagramPoint));
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      EbDiagramPoint p;
      char *end;

      p.x = g_ascii_strtod (pairs[i], &end);
      if (*end != ',')
        return NULL;
      p.y = g_ascii_strtod (end + 1, &end);
      if (*end != '\0' || !isfinite (p.x) || !isfinite (p.y))
        return NULL;
      g_array_append_val (route, p);
    }
  /* A cubic Bézier path: a start point and three per segment. */
  if (route->len < 4 || (route->len - 1) % 3 != 0)
    return NULL;
  return g_steal_pointer (&route);
}

EbDiagramEdge *
eb_diagram_edge_new (const EbDiagramEdgeRow *row)
{
  EbDiagramEdge *self = g_object_new (EB_TYPE_DIAGRAM_EDGE, NULL);

  self->row = eb_diagram_edge_row_copy (row);
  return self;
}

const EbDiagramEdgeRow *
eb_diagram_edge_get_row (EbDiagramEdge *self)
{
  return self->row;
}

void
eb_diagram_edge_apply_row (EbDiagramEdge          *self,
                           const EbDiagramEdgeRow *row)
{
  EbDiagramEdgeRow *mine = self->row;

  g_assert (row->id == mine->id);

  g_object_freeze_notify (G_OBJECT (self));
  if (mine->source_id != row->source_id)
    {
      mine->source_id = row->source_id;
      notify (self, PROP_SOURCE_ID);
    }
  if (mine->target_id != row->target_id)
    {
      mine->target_id = row->target_id;
      notify (self, PROP_TARGET_ID);
    }
  if (g_strcmp0 (mine->label, row->label) != 0)
    {
      g_free (mine->label);
      mine->label = g_strdup (row->label);
      notify (self, PROP_LABEL);
    }
  if (mine->style != row->style)
    {
      mine->style = row->style;
      notify (self, PROP_STYLE);
    }
  if (!routes_equal (mine->route, row->route))
    {
      g_clear_pointer (&mine->route, g_array_unref);
      mine->route = copy_route (row->route);
      notify (self, PROP_ROUTED);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
