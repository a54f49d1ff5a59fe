/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-diagram-canvas"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "eb-diagram-canvas-private.h"

/* Diagram points are 1/72 inch; at 100 % a point takes 96/72 pixels, the
 * size the figure has on paper. */
#define PIXELS_PER_POINT    (96.0 / 72.0)
#define MIN_ZOOM            0.1
#define MAX_ZOOM            4.0
#define MAX_FIT_ZOOM        2.0
#define ZOOM_STEP           1.25
/* Pixels, on screen. */
#define FIT_PADDING         24.0
#define KEEP_IN_SIGHT       24.0
#define DRAG_THRESHOLD      4.0
#define HIT_TOLERANCE       4.0
#define SCROLL_STEP         48.0
#define KEY_PAN_STEP        48.0
#define GRID_MIN_SPACING    8.0
#define GRID_DOT            1.5
#define OUTLINE_WIDTH       2.0
#define HIGHLIGHT_WIDTH     5.0
#define FOCUS_GAP           5.0
#define ARROW_HEAD          10.0
#define MIN_RENAME_WIDTH    180
#define RENAME_MAX_CHARS    48
#define MIN_WIDTH           160
#define MIN_HEIGHT          120
#define NATURAL_MAX_WIDTH   1200
#define NATURAL_MAX_HEIGHT  800
/* Points. */
#define MIN_NODE_WIDTH      40.0
#define MIN_NODE_HEIGHT     24.0
#define CASCADE_STEP        20.0
#define MAX_CASCADE         24
/* The tooltip of a linked node. */
#define TOOLTIP_QUOTES      3
#define TOOLTIP_QUOTE_CHARS 160
#define TOOLTIP_WIDTH_CHARS 56

typedef enum {
  DRAG_NONE,
  DRAG_PENDING,       /* pressed on a node: moves once past the threshold */
  DRAG_MOVE,
  DRAG_CONNECT,
  DRAG_RESIZE,
  DRAG_RUBBER_BAND,   /* pressed on empty space */
  DRAG_PAN,
} DragOp;

struct _EbDiagramCanvas
{
  GtkWidget               parent_instance;

  EbDiagram              *diagram;
  gulong                  changed_id;
  gboolean                was_empty;

  /* The drawing of the diagram as it is now, made when first needed. */
  EbDiagramDrawing       *drawing;
  PangoContext           *pango_context;
  EbDiagramRenderOptions  options;
  GdkRGBA                 accent;

  /* The diagram point at the canvas's top left corner, and the zoom. */
  double                  view_x;
  double                  view_y;
  double                  zoom;
  gboolean                view_placed;
  gboolean                snap;
  gboolean                connect_mode;

  GArray                 *selected;          /* gint64, the focus last */
  gint64                  selected_edge;
  EbTheme                *selected_theme;
  gint64                  highlighted_theme;
  GArray                 *highlighted;       /* gint64 node ids */

  /* The drag in progress; pointer positions in canvas pixels. */
  DragOp                  drag;
  GdkModifierType         press_state;
  double                  press_x;
  double                  press_y;
  double                  pointer_x;
  double                  pointer_y;
  gboolean                pointer_inside;
  gint64                  drag_node;
  double                  drag_dx;           /* points: the moved nodes' offset */
  double                  drag_dy;
  cairo_rectangle_t       resize_rect;       /* points: the resized node */
  gint64                  connect_target;
  double                  pan_view_x;
  double                  pan_view_y;
  gboolean                space_held;
  double                  gesture_zoom;

  GtkWidget              *rename_popover;
  GtkWidget              *rename_entry;
  gint64                  renaming;

  GHashTable             *tooltip_quotes;    /* theme id → markup */
};

G_DEFINE_FINAL_TYPE (EbDiagramCanvas, eb_diagram_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DIAGRAM,
  PROP_SELECTED_THEME,
  PROP_HIGHLIGHTED_THEME,
  PROP_ZOOM,
  PROP_SNAP_TO_GRID,
  PROP_CONNECT_MODE,
  N_PROPS
};

enum {
  NODE_ACTIVATED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Small helpers ---- */

static double
get_scale (EbDiagramCanvas *self)
{
  return self->zoom * PIXELS_PER_POINT;
}

static double
snap_value (double value)
{
  return round (value / EB_DIAGRAM_CANVAS_GRID_STEP) * EB_DIAGRAM_CANVAS_GRID_STEP;
}

static gboolean
rects_intersect (const cairo_rectangle_t *a,
                 const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
show_error (EbDiagramCanvas *self,
            const GError    *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", error->message);
      return;
    }
  escaped = g_markup_escape_text (error->message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static EbDiagramDrawing *
ensure_drawing (EbDiagramCanvas *self)
{
  if (self->drawing == NULL && self->diagram != NULL)
    self->drawing = eb_diagram_drawing_new (self->diagram, &self->options, self->pango_context);
  return self->drawing;
}

static void
invalidate_drawing (EbDiagramCanvas *self)
{
  g_clear_pointer (&self->drawing, eb_diagram_drawing_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
find_node_index (EbDiagramDrawing *drawing,
                 gint64            id)
{
  for (guint i = 0; drawing != NULL && i < eb_diagram_drawing_get_n_nodes (drawing); i++)
    if (eb_diagram_drawing_get_node_id (drawing, i) == id)
      return (int) i;
  return -1;
}

/* Where node ID is drawn, in points. */
static gboolean
get_node_rect (EbDiagramCanvas   *self,
               gint64             id,
               cairo_rectangle_t *rect)
{
  EbDiagramDrawing *drawing = ensure_drawing (self);
  int index = find_node_index (drawing, id);

  if (index < 0)
    return FALSE;
  eb_diagram_drawing_get_node_rect (drawing, (guint) index, rect);
  return TRUE;
}

static gboolean
is_selected (EbDiagramCanvas *self,
             gint64           id)
{
  for (guint i = 0; i < self->selected->len; i++)
    if (g_array_index (self->selected, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gint64
get_focus_node (EbDiagramCanvas *self)
{
  return self->selected->len > 0 ? g_array_index (self->selected, gint64, self->selected->len - 1) : 0;
}

static EbCodebook *
get_codebook (EbDiagramCanvas *self)
{
  return self->diagram != NULL ? eb_coding_store_get_codebook (eb_diagram_get_store (self->diagram)) : NULL;
}

/* A node's label for messages, or "". */
static const char *
node_label (EbDiagramCanvas *self,
            gint64           id)
{
  EbDiagramNode *node = self->diagram != NULL ? eb_diagram_get_node (self->diagram, id) : NULL;

  return node != NULL ? eb_diagram_node_get_label (node) : "";
}

/* ---- Accessibility ---- */

/* Nodes in reading order along the diagram's direction: by rank, then
 * within the rank. */
typedef struct
{
  gint64  id;
  double  major;
  double  minor;
} TabStop;

static int
compare_tab_stops (gconstpointer a,
                   gconstpointer b)
{
  const TabStop *p = a, *q = b;

  if (p->major != q->major)
    return p->major < q->major ? -1 : 1;
  if (p->minor != q->minor)
    return p->minor < q->minor ? -1 : 1;
  return p->id < q->id ? -1 : p->id > q->id;
}

static GArray *
dup_tab_order (EbDiagramCanvas *self)
{
  EbDiagramDrawing *drawing = ensure_drawing (self);
  GArray *stops = g_array_new (FALSE, FALSE, sizeof (TabStop));
  gboolean by_column;

  if (drawing == NULL)
    return stops;
  by_column = eb_diagram_get_direction (self->diagram) == EB_DIAGRAM_LEFT_TO_RIGHT;
  for (guint i = 0; i < eb_diagram_drawing_get_n_nodes (drawing); i++)
    {
      cairo_rectangle_t rect;
      TabStop stop;

      eb_diagram_drawing_get_node_rect (drawing, i, &rect);
      stop.id = eb_diagram_drawing_get_node_id (drawing, i);
      /* Nodes of one rank seldom line up exactly: round to the grid. */
      stop.major = snap_value (by_column ? rect.x : rect.y);
      stop.minor = by_column ? rect.y : rect.x;
      g_array_append_val (stops, stop);
    }
  g_array_sort (stops, compare_tab_stops);
  return stops;
}

static void
update_accessible (EbDiagramCanvas *self)
{
  gint64 focus = get_focus_node (self);
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->diagram != NULL && focus != 0 && eb_diagram_get_node (self->diagram, focus) != NULL)
    {
      g_autoptr(GArray) order = dup_tab_order (self);
      guint position = 0;

      for (guint i = 0; i < order->len; i++)
        if (g_array_index (order, TabStop, i).id == focus)
          position = i + 1;
      label = eb_diagram_describe_node (self->diagram, focus);
      /* TRANSLATORS: node 3 of 9 in a process diagram */
      description = g_strdup_printf (_("Node %u of %u. Arrow keys move it, F2 renames it, "
                                       "Delete removes it, Tab goes to the next node."),
                                     position, order->len);
    }
  else if (self->diagram != NULL && self->selected_edge != 0
           && eb_diagram_get_edge (self->diagram, self->selected_edge) != NULL)
    {
      EbDiagramEdge *edge = eb_diagram_get_edge (self->diagram, self->selected_edge);
      const char *source = node_label (self, eb_diagram_edge_get_source_id (edge));
      const char *target = node_label (self, eb_diagram_edge_get_target_id (edge));

      switch (eb_diagram_edge_get_style (edge))
        {
        case EB_DIAGRAM_EDGE_ASSOCIATED:
          label = g_strdup_printf (_("“%s” associated with “%s”"), source, target);
          break;
        case EB_DIAGRAM_EDGE_BIDIRECTIONAL:
          label = g_strdup_printf (_("“%s” and “%s” lead to each other"), source, target);
          break;
        case EB_DIAGRAM_EDGE_LEADS_TO:
        default:
          label = g_strdup_printf (_("“%s” leads to “%s”"), source, target);
          break;
        }
      description = g_strdup (_("Arrow. Delete removes it."));
    }
  else if (self->diagram != NULL && !eb_diagram_is_empty (self->diagram))
    {
      guint n_nodes = g_list_model_get_n_items (eb_diagram_get_nodes (self->diagram));
      guint n_edges = g_list_model_get_n_items (eb_diagram_get_edges (self->diagram));
      g_autofree char *nodes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node", "%u nodes",
                                                             n_nodes), n_nodes);
      g_autofree char *edges = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u arrow",
                                                             "%u arrows", n_edges), n_edges);

      /* TRANSLATORS: Process diagram: 9 nodes, 11 arrows */
      label = g_strdup_printf (_("Process diagram: %s, %s"), nodes, edges);
      description = g_strdup (_("Tab goes to the first node."));
    }
  else
    {
      label = g_strdup (_("Empty process diagram"));
      description = g_strdup ("");
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* ---- The view: zoom and pan ---- */

static void
place_view_at_zoom (EbDiagramCanvas *self,
                    double           zoom,
                    double           widget_x,
                    double           widget_y)
{
  double x, y;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;
  /* The diagram point under (WIDGET_X, WIDGET_Y) stays there. */
  eb_diagram_canvas_widget_to_diagram (self, widget_x, widget_y, &x, &y);
  self->zoom = zoom;
  self->view_x = x - widget_x / get_scale (self);
  self->view_y = y - widget_y / get_scale (self);
  if (self->renaming != 0)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
pan_by (EbDiagramCanvas *self,
        double           dx_pixels,
        double           dy_pixels)
{
  self->view_x += dx_pixels / get_scale (self);
  self->view_y += dy_pixels / get_scale (self);
  if (self->renaming != 0)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Shows the whole diagram, centred, at most at MAX_ZOOM_LEVEL. */
static void
fit_view (EbDiagramCanvas *self,
          double           max_zoom)
{
  EbDiagramDrawing *drawing = ensure_drawing (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  cairo_rectangle_t bounds = { 0, 0, 0, 0 };
  double zoom = 1.0;

  if (width <= 0 || height <= 0)
    return;
  if (drawing != NULL)
    eb_diagram_drawing_get_bounds (drawing, &bounds);
  if (bounds.width > 0 && bounds.height > 0)
    {
      double fit_x = (width - 2 * FIT_PADDING) / (bounds.width * PIXELS_PER_POINT);
      double fit_y = (height - 2 * FIT_PADDING) / (bounds.height * PIXELS_PER_POINT);

      zoom = CLAMP (MIN (fit_x, fit_y), MIN_ZOOM, max_zoom);
    }
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  self->view_x = bounds.x + bounds.width / 2 - width / 2.0 / get_scale (self);
  self->view_y = bounds.y + bounds.height / 2 - height / 2.0 / get_scale (self);
  self->view_placed = TRUE;
  if (self->renaming != 0)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Pans as little as needed for RECT (points) to be in sight, or centres
 * it if it is larger than the canvas. */
static void
keep_in_sight (EbDiagramCanvas         *self,
               const cairo_rectangle_t *rect)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double scale = get_scale (self);
  double x0, y0, x1, y1, dx = 0, dy = 0;

  if (width <= 0 || height <= 0 || !self->view_placed)
    return;
  eb_diagram_canvas_diagram_to_widget (self, rect->x, rect->y, &x0, &y0);
  x1 = x0 + rect->width * scale;
  y1 = y0 + rect->height * scale;
  if (x1 - x0 > width - 2 * KEEP_IN_SIGHT)
    dx = (x0 + x1) / 2 - width / 2.0;
  else if (x0 < KEEP_IN_SIGHT)
    dx = x0 - KEEP_IN_SIGHT;
  else if (x1 > width - KEEP_IN_SIGHT)
    dx = x1 - (width - KEEP_IN_SIGHT);
  if (y1 - y0 > height - 2 * KEEP_IN_SIGHT)
    dy = (y0 + y1) / 2 - height / 2.0;
  else if (y0 < KEEP_IN_SIGHT)
    dy = y0 - KEEP_IN_SIGHT;
  else if (y1 > height - KEEP_IN_SIGHT)
    dy = y1 - (height - KEEP_IN_SIGHT);
  if (dx != 0 || dy != 0)
    pan_by (self, dx, dy);
}

static void
keep_node_in_sight (EbDiagramCanvas *self,
                    gint64           id)
{
  cairo_rectangle_t rect;

  if (get_node_rect (self, id, &rect))
    keep_in_sight (self, &rect);
}

/* ---- Selection ---- */

static void
update_selected_theme (EbDiagramCanvas *self)
{
  EbTheme *theme = NULL;

  if (self->diagram != NULL && self->selected->len == 1)
    {
      EbDiagramNode *node = eb_diagram_get_node (self->diagram, get_focus_node (self));
      gint64 theme_id = node != NULL ? eb_diagram_node_get_theme_id (node) : 0;

      if (theme_id != 0)
        theme = eb_codebook_get_theme (get_codebook (self), theme_id);
    }
  if (g_set_object (&self->selected_theme, theme))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_THEME]);
}

static void
update_actions (EbDiagramCanvas *self)
{
  gboolean any = self->selected->len > 0 || self->selected_edge != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.rename", get_focus_node (self) != 0);
}

static void
selection_changed (EbDiagramCanvas *self)
{
  update_selected_theme (self);
  update_actions (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* Selects exactly IDS (the focus last) and EDGE. */
static void
set_selection (EbDiagramCanvas *self,
               const gint64    *ids,
               guint            n_ids,
               gint64           edge)
{
  if (self->selected->len == n_ids && self->selected_edge == edge
      && (n_ids == 0 || memcmp (self->selected->data, ids, n_ids * sizeof (gint64)) == 0))
    return;

  g_array_set_size (self->selected, 0);
  if (n_ids > 0)
    g_array_append_vals (self->selected, ids, n_ids);
  self->selected_edge = edge;
  selection_changed (self);
}

static void
toggle_selected (EbDiagramCanvas *self,
                 gint64           id)
{
  g_autoptr(GArray) ids = g_array_copy (self->selected);
  gboolean found = FALSE;

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        g_array_remove_index (ids, i);
        found = TRUE;
        break;
      }
  if (!found)
    g_array_append_val (ids, id);
  set_selection (self, (const gint64 *) ids->data, ids->len, 0);
}

/* Drops what the diagram no longer has. */
static void
prune_selection (EbDiagramCanvas *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 edge = self->selected_edge;

  for (guint i = 0; i < self->selected->len; i++)
    {
      gint64 id = g_array_index (self->selected, gint64, i);

      if (self->diagram != NULL && eb_diagram_get_node (self->diagram, id) != NULL)
        g_array_append_val (ids, id);
    }
  if (edge != 0 && (self->diagram == NULL || eb_diagram_get_edge (self->diagram, edge) == NULL))
    edge = 0;
  set_selection (self, (const gint64 *) ids->data, ids->len, edge);
}

static void
update_highlighted (EbDiagramCanvas *self)
{
  EbCodebook *codebook = get_codebook (self);
  gint64 theme_id = self->highlighted_theme;

  g_array_set_size (self->highlighted, 0);
  /* The theme's own nodes, else those of the nearest ancestor with any:
   * their counts include it. */
  while (theme_id != 0 && self->highlighted->len == 0 && codebook != NULL)
    {
      GListModel *nodes = eb_diagram_get_nodes (self->diagram);
      EbTheme *theme;

      for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
        {
          g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);

          if (eb_diagram_node_get_theme_id (node) == theme_id)
            {
              gint64 id = eb_diagram_node_get_id (node);

              g_array_append_val (self->highlighted, id);
            }
        }
      theme = eb_codebook_get_theme (codebook, theme_id);
      theme_id = theme != NULL ? eb_theme_get_parent_id (theme) : 0;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- Editing ---- */

static gboolean
node_at_clear_of_others (EbDiagramCanvas         *self,
                         const cairo_rectangle_t *rect)
{
  EbDiagramDrawing *drawing = ensure_drawing (self);

  for (guint i = 0; drawing != NULL && i < eb_diagram_drawing_get_n_nodes (drawing); i++)
    {
      cairo_rectangle_t other;

      eb_diagram_drawing_get_node_rect (drawing, i, &other);
      if (rects_intersect (rect, &other))
        return FALSE;
    }
  return TRUE;
}

/* The size node text would have, in points. */
static void
measure_new_node (EbDiagramCanvas *self,
                  const char      *label,
                  gint64           theme_id,
                  double          *width,
                  double          *height)
{
  EbDiagramText text = { EB_DIAGRAM_TEXT_NODE, label, NULL, EB_DIAGRAM_SHAPE_ROUNDED,
                         theme_id != 0 };

  eb_diagram_render_measure (&text, width, height, &self->options);
}

static const char *
label_for_new_node (EbDiagramCanvas *self,
                    const char      *label,
                    gint64           theme_id)
{
  EbTheme *theme;

  if (label != NULL)
    return label;
  theme = theme_id != 0 ? eb_codebook_get_theme (get_codebook (self), theme_id) : NULL;
  return theme != NULL ? eb_theme_get_name (theme) : _("New node");
}

/* A linked node keeps the size measured with room for its count to grow,
 * as the templates' nodes do; an unlinked one follows its label, which is
 * about to be typed. */
static gint64
add_node (EbDiagramCanvas         *self,
          const char              *label,
          gint64                   theme_id,
          const cairo_rectangle_t *rect)
{
  g_autoptr(GError) error = NULL;
  double left = rect->x, top = rect->y;
  gint64 id = 0;

  if (self->snap)
    {
      left = snap_value (left);
      top = snap_value (top);
    }
  if (!eb_diagram_add_node (self->diagram, label, NULL, theme_id, left, top,
                            theme_id != 0 ? rect->width : 0, theme_id != 0 ? rect->height : 0,
                            &id, &error))
    {
      show_error (self, error);
      return 0;
    }
  eb_diagram_canvas_select_node (self, id);
  return id;
}

static gboolean
delete_nodes (EbDiagramCanvas *self)
{
  g_autoptr(GArray) ids = g_array_copy (self->selected);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!eb_diagram_remove_node (self->diagram, g_array_index (ids, gint64, i), &error))
        {
          show_error (self, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* Moves the selected nodes by DX, DY points in one step. */
static void
move_selected (EbDiagramCanvas *self,
               double           dx,
               double           dy)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->selected->len == 0 || (dx == 0 && dy == 0))
    return;
  if (self->selected->len == 1)
    {
      gint64 id = get_focus_node (self);
      EbDiagramNode *node = eb_diagram_get_node (self->diagram, id);

      if (node == NULL)
        return;
      ok = eb_diagram_move_node (self->diagram, id, eb_diagram_node_get_x (node) + dx,
                                 eb_diagram_node_get_y (node) + dy, &error);
    }
  else
    ok = eb_diagram_move_nodes (self->diagram, (const gint64 *) self->selected->data,
                                self->selected->len, dx, dy, &error);
  if (!ok)
    show_error (self, error);
  else
    keep_node_in_sight (self, get_focus_node (self));
}

/* ---- Renaming ---- */

static void
place_rename_popover (EbDiagramCanvas *self)
{
  cairo_rectangle_t rect;
  GdkRectangle pointing;
  double x, y, scale = get_scale (self);
  int height = 0, chars;

  if (self->renaming == 0 || !get_node_rect (self, self->renaming, &rect))
    return;
  eb_diagram_canvas_diagram_to_widget (self, rect.x, rect.y, &x, &y);
  gtk_widget_set_size_request (self->rename_entry,
                               MAX (MIN_RENAME_WIDTH, (int) ceil (rect.width * scale)), -1);
  chars = (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (self->rename_entry)), -1);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->rename_entry),
                                CLAMP (chars + 2, 12, RENAME_MAX_CHARS));
  gtk_widget_measure (self->rename_popover, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  /* Below a point half the popover's height above the node's middle:
   * over the node. */
  pointing.x = (int) floor (x);
  pointing.width = MAX (1, (int) ceil (rect.width * scale));
  pointing.y = (int) round (y + rect.height * scale / 2 - height / 2.0);
  pointing.height = 1;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->rename_popover), &pointing);
}

static void
rename_activate_cb (EbDiagramCanvas *self,
                    GtkEntry        *entry)
{
  eb_diagram_canvas_stop_rename (self, TRUE);
}

/* Clicking elsewhere closes the popover: that keeps the new name. */
static void
rename_closed_cb (EbDiagramCanvas *self,
                  GtkPopover      *popover)
{
  if (self->renaming != 0)
    eb_diagram_canvas_stop_rename (self, TRUE);
}

static gboolean
rename_key_pressed_cb (EbDiagramCanvas       *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  eb_diagram_canvas_stop_rename (self, FALSE);
  return TRUE;
}

static void
ensure_rename_popover (EbDiagramCanvas *self)
{
  GtkEventController *controller;

  if (self->rename_popover != NULL)
    return;

  self->rename_popover = gtk_popover_new ();
  gtk_popover_set_has_arrow (GTK_POPOVER (self->rename_popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->rename_popover), GTK_POS_BOTTOM);
  gtk_widget_add_css_class (self->rename_popover, "diagram-rename");
  gtk_widget_set_parent (self->rename_popover, GTK_WIDGET (self));

  self->rename_entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rename_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Node label"),
                                  -1);
  gtk_popover_set_child (GTK_POPOVER (self->rename_popover), self->rename_entry);
  g_signal_connect_swapped (self->rename_entry, "activate", G_CALLBACK (rename_activate_cb), self);
  g_signal_connect_swapped (self->rename_popover, "closed", G_CALLBACK (rename_closed_cb), self);

  /* Before the popover's own Escape, which would only close it. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (rename_key_pressed_cb), self);
  gtk_widget_add_controller (self->rename_popover, controller);
}

/* ---- Hover: the quotes of a linked node ---- */

typedef struct
{
  EbQuote *quote;
  guint    score;
} RankedQuote;

/* A quote shortened to whole words, in quotation marks, escaped. */
static char *
quote_markup (EbQuote *quote)
{
  const char *text = eb_quote_get_text (quote);
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *who = NULL;
  const char *respondent;

  if (g_utf8_strlen (text, -1) <= TOOLTIP_QUOTE_CHARS)
    g_string_append (shown, text);
  else
    {
      const char *cut = g_utf8_offset_to_pointer (text, TOOLTIP_QUOTE_CHARS);
      const char *space = cut;

      while (space > text && *space != ' ')
        space--;
      g_string_append_len (shown, text, (space > text ? space : cut) - text);
      g_string_append (shown, "…");
    }
  g_strdelimit (shown->str, "\n\r\t", ' ');
  escaped = g_markup_escape_text (g_strstrip (shown->str), -1);
  respondent = eb_quote_get_respondent (quote);
  /* A bare number is the respondent's row or id: say what it is. */
  if (respondent[strspn (respondent, "0123456789")] == '\0')
    /* TRANSLATORS: respondent 117 · the question */
    who = g_markup_printf_escaped (_("Respondent %s · %s"), respondent,
                                   eb_quote_get_column_name (quote));
  else
    who = g_markup_printf_escaped ("%s · %s", respondent, eb_quote_get_column_name (quote));
  return g_strdup_printf ("“%s”\n<small>%s</small>", escaped, who);
}

/* Three quotes for THEME_ID: those most coded with it and its
 * sub-themes, in list order among equals. */
static char *
dup_quotes_markup (EbDiagramCanvas *self,
                   gint64           theme_id)
{
  EbCodingStore *store = eb_diagram_get_store (self->diagram);
  EbQuoteList *quotes = eb_coding_store_get_quotes (store);
  g_autoptr(GArray) subtree = eb_codebook_dup_subtree_ids (eb_coding_store_get_codebook (store),
                                                           theme_id);
  g_autoptr(GHashTable) themes = g_hash_table_new (g_int64_hash, g_int64_equal);
  RankedQuote best[TOOLTIP_QUOTES] = { { NULL, 0 } };
  g_autoptr(GString) markup = g_string_new (NULL);
  guint n_quotes = g_list_model_get_n_items (G_LIST_MODEL (quotes));

  for (guint i = 0; i < subtree->len; i++)
    g_hash_table_add (themes, &g_array_index (subtree, gint64, i));

  for (guint q = 0; q < n_quotes; q++)
    {
      EbQuote *quote = eb_quote_list_get_quote (quotes, q);
      guint score = 0;

      for (guint c = 0; c < eb_quote_get_n_codings (quote); c++)
        {
          gint64 coded = eb_coding_get_theme_id (eb_quote_get_coding (quote, c));

          if (g_hash_table_contains (themes, &coded))
            score++;
        }
      if (score == 0 || score <= best[TOOLTIP_QUOTES - 1].score)
        continue;
      for (guint b = 0; b < TOOLTIP_QUOTES; b++)
        if (score > best[b].score)
          {
            memmove (&best[b + 1], &best[b], (TOOLTIP_QUOTES - b - 1) * sizeof best[0]);
            best[b] = (RankedQuote) { quote, score };
            break;
          }
    }

  for (guint b = 0; b < TOOLTIP_QUOTES && best[b].quote != NULL; b++)
    {
      g_autofree char *line = quote_markup (best[b].quote);

      g_string_append_printf (markup, "\n\n%s", line);
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static char *
dup_node_tooltip (EbDiagramCanvas *self,
                  gint64           id)
{
  EbDiagramNode *node = self->diagram != NULL ? eb_diagram_get_node (self->diagram, id) : NULL;
  g_autofree char *count = NULL;
  g_autofree char *head = NULL;
  gint64 theme_id;
  const char *quotes;

  if (node == NULL || (theme_id = eb_diagram_node_get_theme_id (node)) == 0)
    return NULL;

  quotes = g_hash_table_lookup (self->tooltip_quotes, &theme_id);
  if (quotes == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = theme_id;
      quotes = dup_quotes_markup (self, theme_id);
      g_hash_table_insert (self->tooltip_quotes, key, (gpointer) quotes);
    }
  count = eb_diagram_node_dup_count_label (node);
  head = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", eb_diagram_node_get_label (node),
                                  count != NULL ? count : "");
  /* The quotes are markup already. */
  return g_strconcat (head, quotes, NULL);
}

/* ---- Painting ---- */

static void
set_source_color (cairo_t       *cr,
                  const EbColor *color,
                  double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
}

static void
set_source_accent (EbDiagramCanvas *self,
                   cairo_t         *cr,
                   double           alpha)
{
  cairo_set_source_rgba (cr, self->accent.red, self->accent.green, self->accent.blue,
                         self->accent.alpha * alpha);
}

static EbColor
accent_color (EbDiagramCanvas *self)
{
  return (EbColor) { self->accent.red, self->accent.green, self->accent.blue };
}

/* The outline of node INDEX, moved by DX, DY and grown by GROW points. */
static void
add_node_outline (cairo_t          *cr,
                  EbDiagramDrawing *drawing,
                  guint             index,
                  double            dx,
                  double            dy,
                  double            grow)
{
  cairo_rectangle_t rect;
  double radius = 0;
  EbDiagramShape shape = eb_diagram_drawing_get_node_shape (drawing, index, &radius);

  eb_diagram_drawing_get_node_rect (drawing, index, &rect);
  rect.x += dx - grow;
  rect.y += dy - grow;
  rect.width += 2 * grow;
  rect.height += 2 * grow;

  cairo_new_sub_path (cr);
  if (shape == EB_DIAGRAM_SHAPE_ELLIPSE)
    {
      cairo_save (cr);
      cairo_translate (cr, rect.x + rect.width / 2, rect.y + rect.height / 2);
      cairo_scale (cr, rect.width / 2, rect.height / 2);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      return;
    }
  radius = radius > 0 ? MIN (radius + grow, MIN (rect.width, rect.height) / 2) : 0;
  if (radius <= 0)
    {
      cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
      return;
    }
  cairo_arc (cr, rect.x + rect.width - radius, rect.y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, rect.x + rect.width - radius, rect.y + rect.height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, rect.x + radius, rect.y + rect.height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, rect.x + radius, rect.y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Dots on the grid, in canvas pixels; every fifth step (or 25th) when
 * the steps get too close to read. */
static void
draw_grid (EbDiagramCanvas *self,
           cairo_t         *cr,
           int              width,
           int              height)
{
  double scale = get_scale (self);
  double step = EB_DIAGRAM_CANVAS_GRID_STEP;
  double first_x, first_y;

  while (step * scale < GRID_MIN_SPACING)
    step *= 5;
  first_x = ceil (self->view_x / step) * step;
  first_y = ceil (self->view_y / step) * step;
  set_source_color (cr, &self->options.foreground, 0.22);
  for (double y = first_y; (y - self->view_y) * scale < height; y += step)
    for (double x = first_x; (x - self->view_x) * scale < width; x += step)
      {
        double px = round ((x - self->view_x) * scale);
        double py = round ((y - self->view_y) * scale);

        cairo_rectangle (cr, px - GRID_DOT / 2, py - GRID_DOT / 2, GRID_DOT, GRID_DOT);
      }
  cairo_fill (cr);
}

/* The selected nodes on their way: faded where they were, drawn where
 * they go. The model is not touched until the button comes up. */
static void
draw_moving (EbDiagramCanvas  *self,
             cairo_t          *cr,
             EbDiagramDrawing *drawing)
{
  double pixel = 1 / get_scale (self);

  for (guint s = 0; s < self->selected->len; s++)
    {
      int index = find_node_index (drawing, g_array_index (self->selected, gint64, s));

      if (index < 0)
        continue;
      add_node_outline (cr, drawing, (guint) index, 0, 0, pixel);
      set_source_color (cr, &self->options.background, 0.6);
      cairo_fill (cr);
    }
  for (guint s = 0; s < self->selected->len; s++)
    {
      int index = find_node_index (drawing, g_array_index (self->selected, gint64, s));

      if (index < 0)
        continue;
      cairo_save (cr);
      add_node_outline (cr, drawing, (guint) index, self->drag_dx, self->drag_dy, pixel);
      cairo_clip (cr);
      cairo_translate (cr, self->drag_dx, self->drag_dy);
      eb_diagram_drawing_draw (drawing, cr);
      cairo_restore (cr);

      add_node_outline (cr, drawing, (guint) index, self->drag_dx, self->drag_dy, 2 * pixel);
      cairo_set_line_width (cr, OUTLINE_WIDTH * pixel);
      set_source_accent (self, cr, 1.0);
      cairo_stroke (cr);
    }
}

/* The rubber arrow from the node's connect handle to the pointer. */
static void
draw_connecting (EbDiagramCanvas  *self,
                 cairo_t          *cr,
                 EbDiagramDrawing *drawing)
{
  double pixel = 1 / get_scale (self);
  double dashes[2] = { 6 * pixel, 4 * pixel };
  cairo_rectangle_t rect;
  double x0, y0, x1, y1, angle, head = ARROW_HEAD * pixel;
  int target;

  if (!get_node_rect (self, self->drag_node, &rect))
    return;
  x0 = rect.x + rect.width;
  y0 = rect.y + rect.height / 2;
  eb_diagram_canvas_widget_to_diagram (self, self->pointer_x, self->pointer_y, &x1, &y1);

  target = self->connect_target != 0 ? find_node_index (drawing, self->connect_target) : -1;
  if (target >= 0)
    {
      add_node_outline (cr, drawing, (guint) target, 0, 0, 3 * pixel);
      cairo_set_line_width (cr, OUTLINE_WIDTH * pixel);
      set_source_accent (self, cr, 1.0);
      cairo_stroke (cr);
    }

  if (hypot (x1 - x0, y1 - y0) < head)
    return;
  angle = atan2 (y1 - y0, x1 - x0);
  set_source_accent (self, cr, 1.0);
  cairo_set_line_width (cr, OUTLINE_WIDTH * pixel);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1 - head * 0.8 * cos (angle), y1 - head * 0.8 * sin (angle));
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - head * cos (angle - 0.4), y1 - head * sin (angle - 0.4));
  cairo_line_to (cr, x1 - head * cos (angle + 0.4), y1 - head * sin (angle + 0.4));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_canvas (EbDiagramCanvas *self,
             cairo_t         *cr,
             int              width,
             int              height)
{
  EbDiagramDrawing *drawing = ensure_drawing (self);
  double scale = get_scale (self);
  double pixel = 1 / scale;
  EbColor accent = accent_color (self);
  gint64 focus = get_focus_node (self);

  if (self->snap)
    draw_grid (self, cr, width, height);
  if (drawing == NULL)
    return;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -self->view_x, -self->view_y);

  eb_diagram_drawing_draw (drawing, cr);

  /* The sidebar's theme: a soft glow around its nodes. */
  for (guint h = 0; h < self->highlighted->len; h++)
    {
      int index = find_node_index (drawing, g_array_index (self->highlighted, gint64, h));

      if (index < 0)
        continue;
      add_node_outline (cr, drawing, (guint) index, 0, 0, (HIGHLIGHT_WIDTH / 2 + 1) * pixel);
      cairo_set_line_width (cr, HIGHLIGHT_WIDTH * pixel);
      set_source_accent (self, cr, 0.35);
      cairo_stroke (cr);
    }

  if (self->selected_edge != 0)
    eb_diagram_drawing_draw_edge_selection (drawing, cr, self->selected_edge, &accent);

  if (self->drag == DRAG_MOVE)
    draw_moving (self, cr, drawing);
  else
    {
      for (guint s = 0; s < self->selected->len; s++)
        {
          gint64 id = g_array_index (self->selected, gint64, s);
          int index = find_node_index (drawing, id);

          if (index < 0)
            continue;
          if (id == focus)
            eb_diagram_drawing_draw_selection (drawing, cr, id, &accent);
          else
            {
              add_node_outline (cr, drawing, (guint) index, 0, 0, 2 * pixel);
              cairo_set_line_width (cr, OUTLINE_WIDTH * pixel);
              set_source_accent (self, cr, 1.0);
              cairo_stroke (cr);
            }
        }
    }

  /* The keyboard focus: a dashed ring around the focus node. */
  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)) && focus != 0 && self->drag != DRAG_MOVE)
    {
      int index = find_node_index (drawing, focus);
      double dashes[2] = { 3 * pixel, 3 * pixel };

      if (index >= 0)
        {
          add_node_outline (cr, drawing, (guint) index, 0, 0, FOCUS_GAP * pixel);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_set_line_width (cr, 1.5 * pixel);
          set_source_accent (self, cr, 0.8);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }

  if (self->drag == DRAG_CONNECT)
    draw_connecting (self, cr, drawing);
  if (self->drag == DRAG_RESIZE)
    {
      double dashes[2] = { 4 * pixel, 3 * pixel };

      cairo_rectangle (cr, self->resize_rect.x, self->resize_rect.y, self->resize_rect.width,
                       self->resize_rect.height);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_set_line_width (cr, OUTLINE_WIDTH * pixel);
      set_source_accent (self, cr, 1.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_restore (cr);

  if (self->drag == DRAG_RUBBER_BAND)
    {
      double x = MIN (self->press_x, self->pointer_x);
      double y = MIN (self->press_y, self->pointer_y);

      cairo_rectangle (cr, floor (x) + 0.5, floor (y) + 0.5,
                       round (fabs (self->pointer_x - self->press_x)),
                       round (fabs (self->pointer_y - self->press_y)));
      set_source_accent (self, cr, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1);
      set_source_accent (self, cr, 0.8);
      cairo_stroke (cr);
    }

  /* The canvas itself has the focus, but no node does. */
  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)) && focus == 0 && self->selected_edge == 0)
    {
      cairo_rectangle (cr, 1, 1, width - 2, height - 2);
      cairo_set_line_width (cr, 2);
      set_source_accent (self, cr, 0.5);
      cairo_stroke (cr);
    }
}

/* ---- Pointer ---- */

static void
set_cursor_name (EbDiagramCanvas *self,
                 const char      *name)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
update_cursor (EbDiagramCanvas *self)
{
  EbDiagramHit hit;

  switch (self->drag)
    {
    case DRAG_PAN:
    case DRAG_MOVE:
      set_cursor_name (self, "grabbing");
      return;
    case DRAG_CONNECT:
      set_cursor_name (self, "crosshair");
      return;
    case DRAG_RESIZE:
      set_cursor_name (self, "se-resize");
      return;
    case DRAG_NONE:
    case DRAG_PENDING:
    case DRAG_RUBBER_BAND:
    default:
      break;
    }
  if (self->space_held)
    {
      set_cursor_name (self, "grab");
      return;
    }
  if (!self->pointer_inside)
    return;
  hit = eb_diagram_canvas_hit (self, self->pointer_x, self->pointer_y);
  switch (hit.kind)
    {
    case EB_DIAGRAM_HIT_CONNECT_HANDLE:
      set_cursor_name (self, "crosshair");
      break;
    case EB_DIAGRAM_HIT_RESIZE_HANDLE:
      set_cursor_name (self, "se-resize");
      break;
    case EB_DIAGRAM_HIT_NODE:
      set_cursor_name (self, self->connect_mode ? "crosshair" : "pointer");
      break;
    case EB_DIAGRAM_HIT_EDGE:
    case EB_DIAGRAM_HIT_GROUP:
      set_cursor_name (self, "pointer");
      break;
    case EB_DIAGRAM_HIT_NONE:
    default:
      set_cursor_name (self, NULL);
      break;
    }
}

static void
cancel_drag (EbDiagramCanvas *self)
{
  if (self->drag == DRAG_NONE)
    return;
  self->drag = DRAG_NONE;
  self->connect_target = 0;
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
begin_pan (EbDiagramCanvas *self,
           double           x,
           double           y)
{
  self->drag = DRAG_PAN;
  self->press_x = self->pointer_x = x;
  self->press_y = self->pointer_y = y;
  self->pan_view_x = self->view_x;
  self->pan_view_y = self->view_y;
  update_cursor (self);
}

static void
finish_rubber_band (EbDiagramCanvas *self)
{
  EbDiagramDrawing *drawing = ensure_drawing (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  cairo_rectangle_t band;
  double x0, y0, x1, y1;

  eb_diagram_canvas_widget_to_diagram (self, MIN (self->press_x, self->pointer_x),
                                       MIN (self->press_y, self->pointer_y), &x0, &y0);
  eb_diagram_canvas_widget_to_diagram (self, MAX (self->press_x, self->pointer_x),
                                       MAX (self->press_y, self->pointer_y), &x1, &y1);
  band = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };

  if ((self->press_state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    g_array_append_vals (ids, self->selected->data, self->selected->len);
  for (guint i = 0; drawing != NULL && i < eb_diagram_drawing_get_n_nodes (drawing); i++)
    {
      gint64 id = eb_diagram_drawing_get_node_id (drawing, i);
      cairo_rectangle_t rect;
      gboolean already = FALSE;

      eb_diagram_drawing_get_node_rect (drawing, i, &rect);
      if (!rects_intersect (&band, &rect))
        continue;
      for (guint k = 0; k < ids->len && !already; k++)
        already = g_array_index (ids, gint64, k) == id;
      if (!already)
        g_array_append_val (ids, id);
    }
  set_selection (self, (const gint64 *) ids->data, ids->len, 0);
}

void
eb_diagram_canvas_pointer_press (EbDiagramCanvas *self,
                                 double           x,
                                 double           y,
                                 GdkModifierType  state)
{
  gboolean extend = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  EbDiagramHit hit;

  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  if (self->renaming != 0)
    eb_diagram_canvas_stop_rename (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->diagram == NULL)
    return;

  self->press_x = self->pointer_x = x;
  self->press_y = self->pointer_y = y;
  self->press_state = state;
  self->drag = DRAG_NONE;
  self->drag_dx = self->drag_dy = 0;
  self->connect_target = 0;

  if (self->space_held)
    {
      begin_pan (self, x, y);
      return;
    }

  hit = eb_diagram_canvas_hit (self, x, y);
  switch (hit.kind)
    {
    case EB_DIAGRAM_HIT_CONNECT_HANDLE:
      self->drag = DRAG_CONNECT;
      self->drag_node = hit.id;
      break;

    case EB_DIAGRAM_HIT_RESIZE_HANDLE:
      if (get_node_rect (self, hit.id, &self->resize_rect))
        {
          self->drag = DRAG_RESIZE;
          self->drag_node = hit.id;
        }
      break;

    case EB_DIAGRAM_HIT_NODE:
      if (self->connect_mode && !extend)
        {
          eb_diagram_canvas_select_node (self, hit.id);
          self->drag = DRAG_CONNECT;
          self->drag_node = hit.id;
        }
      else if (extend)
        {
          toggle_selected (self, hit.id);
          if (is_selected (self, hit.id))
            {
              self->drag = DRAG_PENDING;
              self->drag_node = hit.id;
            }
        }
      else
        {
          /* Pressing on a selected node keeps the others selected, to
           * move them together; a click without a move selects it alone. */
          if (!is_selected (self, hit.id))
            set_selection (self, &hit.id, 1, 0);
          else if (get_focus_node (self) != hit.id)
            {
              g_autoptr(GArray) ids = g_array_copy (self->selected);

              for (guint i = 0; i < ids->len; i++)
                if (g_array_index (ids, gint64, i) == hit.id)
                  g_array_remove_index (ids, i--);
              g_array_append_val (ids, hit.id);
              set_selection (self, (const gint64 *) ids->data, ids->len, 0);
            }
          self->drag = DRAG_PENDING;
          self->drag_node = hit.id;
        }
      break;

    case EB_DIAGRAM_HIT_EDGE:
      set_selection (self, NULL, 0, hit.id);
      break;

    case EB_DIAGRAM_HIT_GROUP:
      {
        /* A group's tab or border picks up its nodes, to move them. */
        g_autoptr(GArray) members = eb_diagram_dup_group_members (self->diagram, hit.id);

        if (members != NULL && members->len > 0)
          {
            set_selection (self, (const gint64 *) members->data, members->len, 0);
            self->drag = DRAG_PENDING;
            self->drag_node = g_array_index (members, gint64, members->len - 1);
            self->press_state |= GDK_SHIFT_MASK;   /* keep them all on release */
          }
      }
      break;

    case EB_DIAGRAM_HIT_NONE:
    default:
      if (!extend)
        set_selection (self, NULL, 0, 0);
      self->drag = DRAG_RUBBER_BAND;
      self->drag_node = 0;
      break;
    }
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
eb_diagram_canvas_pointer_motion (EbDiagramCanvas *self,
                                  double           x,
                                  double           y)
{
  double scale;
  gboolean past_threshold;

  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  self->pointer_x = x;
  self->pointer_y = y;
  scale = get_scale (self);
  past_threshold = hypot (x - self->press_x, y - self->press_y) >= DRAG_THRESHOLD;

  switch (self->drag)
    {
    case DRAG_PENDING:
      if (!past_threshold)
        return;
      self->drag = DRAG_MOVE;
      update_cursor (self);
      G_GNUC_FALLTHROUGH;

    case DRAG_MOVE:
      {
        cairo_rectangle_t rect;
        double dx = (x - self->press_x) / scale;
        double dy = (y - self->press_y) / scale;

        /* The node under the pointer lands on the grid; the others keep
         * their places relative to it. */
        if (self->snap && get_node_rect (self, self->drag_node, &rect))
          {
            dx = snap_value (rect.x + dx) - rect.x;
            dy = snap_value (rect.y + dy) - rect.y;
          }
        self->drag_dx = dx;
        self->drag_dy = dy;
      }
      break;

    case DRAG_CONNECT:
      {
        EbDiagramDrawing *drawing = ensure_drawing (self);
        double px, py;
        EbDiagramHit hit;

        eb_diagram_canvas_widget_to_diagram (self, x, y, &px, &py);
        hit = eb_diagram_drawing_hit (drawing, px, py, HIT_TOLERANCE / scale, 0);
        self->connect_target = hit.kind == EB_DIAGRAM_HIT_NODE && hit.id != self->drag_node
                               ? hit.id : 0;
      }
      break;

    case DRAG_RESIZE:
      {
        cairo_rectangle_t rect;
        double right, bottom;

        if (!get_node_rect (self, self->drag_node, &rect))
          break;
        right = rect.x + rect.width + (x - self->press_x) / scale;
        bottom = rect.y + rect.height + (y - self->press_y) / scale;
        if (self->snap)
          {
            right = snap_value (right);
            bottom = snap_value (bottom);
          }
        self->resize_rect = (cairo_rectangle_t) { rect.x, rect.y,
                                                  MAX (MIN_NODE_WIDTH, right - rect.x),
                                                  MAX (MIN_NODE_HEIGHT, bottom - rect.y) };
      }
      break;

    case DRAG_PAN:
      self->view_x = self->pan_view_x - (x - self->press_x) / scale;
      self->view_y = self->pan_view_y - (y - self->press_y) / scale;
      if (self->renaming != 0)
        gtk_widget_queue_allocate (GTK_WIDGET (self));
      break;

    case DRAG_RUBBER_BAND:
    case DRAG_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
eb_diagram_canvas_pointer_release (EbDiagramCanvas *self,
                                   double           x,
                                   double           y)
{
  g_autoptr(GError) error = NULL;
  DragOp drag;

  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  eb_diagram_canvas_pointer_motion (self, x, y);
  drag = self->drag;
  self->drag = DRAG_NONE;

  switch (drag)
    {
    case DRAG_PENDING:
      /* A click on one of several selected nodes selects it alone. */
      if ((self->press_state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0 && self->selected->len > 1)
        set_selection (self, &self->drag_node, 1, 0);
      break;

    case DRAG_MOVE:
      move_selected (self, self->drag_dx, self->drag_dy);
      break;

    case DRAG_CONNECT:
      if (self->connect_target != 0)
        {
          gint64 edge = 0;

          if (!eb_diagram_connect (self->diagram, self->drag_node, self->connect_target,
                                   EB_DIAGRAM_EDGE_LEADS_TO, NULL, &edge, &error))
            show_error (self, error);
        }
      break;

    case DRAG_RESIZE:
      {
        cairo_rectangle_t rect;

        if (get_node_rect (self, self->drag_node, &rect)
            && (rect.width != self->resize_rect.width || rect.height != self->resize_rect.height)
            && !eb_diagram_resize_node (self->diagram, self->drag_node, self->resize_rect.width,
                                        self->resize_rect.height, &error))
          show_error (self, error);
      }
      break;

    case DRAG_RUBBER_BAND:
      if (hypot (x - self->press_x, y - self->press_y) >= DRAG_THRESHOLD)
        finish_rubber_band (self);
      break;

    case DRAG_PAN:
    case DRAG_NONE:
    default:
      break;
    }
  self->connect_target = 0;
  self->drag_dx = self->drag_dy = 0;
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
eb_diagram_canvas_double_click (EbDiagramCanvas *self,
                                double           x,
                                double           y)
{
  EbDiagramHit hit;

  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  if (self->diagram == NULL)
    return;
  cancel_drag (self);
  hit = eb_diagram_canvas_hit (self, x, y);
  if (hit.kind == EB_DIAGRAM_HIT_NODE)
    eb_diagram_canvas_start_rename (self, hit.id);
  else if (hit.kind == EB_DIAGRAM_HIT_NONE)
    {
      /* On empty space: a new node there, to name at once. */
      double px, py;
      gint64 id;

      eb_diagram_canvas_widget_to_diagram (self, x, y, &px, &py);
      id = eb_diagram_canvas_add_node_at (self, NULL, 0, px, py);
      if (id != 0)
        eb_diagram_canvas_start_rename (self, id);
    }
}

gboolean
eb_diagram_canvas_key_press (EbDiagramCanvas *self,
                             guint            keyval,
                             GdkModifierType  state)
{
  double step;
  double dx = 0, dy = 0;

  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), FALSE);

  if (self->diagram == NULL || self->renaming != 0
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  step = (state & GDK_SHIFT_MASK) != 0 ? 1.0 : EB_DIAGRAM_CANVAS_GRID_STEP;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -step;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = step;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -step;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = step;
      break;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      {
        EbDiagramNode *node = eb_diagram_get_node (self->diagram, get_focus_node (self));

        if (node == NULL)
          return FALSE;
        g_signal_emit (self, signals[NODE_ACTIVATED], 0, node);
        return TRUE;
      }

    case GDK_KEY_Escape:
      if (self->drag != DRAG_NONE)
        {
          cancel_drag (self);
          return TRUE;
        }
      if (self->selected->len == 0 && self->selected_edge == 0)
        return FALSE;
      eb_diagram_canvas_clear_selection (self);
      return TRUE;

    case GDK_KEY_space:
      self->space_held = TRUE;
      update_cursor (self);
      return TRUE;

    default:
      return FALSE;
    }

  /* An arrow: moves the selection, or without one the view. */
  if (self->selected->len > 0)
    move_selected (self, dx, dy);
  else
    pan_by (self, dx / step * KEY_PAN_STEP, dy / step * KEY_PAN_STEP);
  return TRUE;
}

gboolean
eb_diagram_canvas_drop (EbDiagramCanvas *self,
                        const GValue    *value,
                        double           x,
                        double           y)
{
  EbCodebook *codebook;
  gint64 theme_id = 0;
  double px, py;

  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (self->diagram == NULL)
    return FALSE;
  codebook = get_codebook (self);
  if (G_VALUE_HOLDS (value, EB_TYPE_THEME) && g_value_get_object (value) != NULL)
    {
      EbTheme *theme = g_value_get_object (value);

      /* Only a theme of this project's codebook. */
      if (eb_codebook_get_theme (codebook, eb_theme_get_id (theme)) != theme)
        return FALSE;
      theme_id = eb_theme_get_id (theme);
    }
  else if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL)
    {
      const char *text = g_value_get_string (value);
      guint64 parsed;

      if (!g_str_has_prefix (text, EB_DIAGRAM_CANVAS_DROP_PREFIX)
          || !g_ascii_string_to_unsigned (text + strlen (EB_DIAGRAM_CANVAS_DROP_PREFIX), 10, 1,
                                          G_MAXINT64, &parsed, NULL)
          || eb_codebook_get_theme (codebook, (gint64) parsed) == NULL)
        return FALSE;
      theme_id = (gint64) parsed;
    }
  else
    return FALSE;

  eb_diagram_canvas_widget_to_diagram (self, x, y, &px, &py);
  return eb_diagram_canvas_add_node_at (self, NULL, theme_id, px, py) != 0;
}

GtkPopover *
eb_diagram_canvas_get_rename_popover (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), NULL);

  ensure_rename_popover (self);
  return GTK_POPOVER (self->rename_popover);
}

/* ---- Signal callbacks ---- */

static void
diagram_changed_cb (EbDiagramCanvas *self,
                    EbDiagram       *diagram)
{
  gboolean empty = eb_diagram_is_empty (diagram);

  invalidate_drawing (self);
  g_hash_table_remove_all (self->tooltip_quotes);
  if (self->renaming != 0 && eb_diagram_get_node (diagram, self->renaming) == NULL)
    eb_diagram_canvas_stop_rename (self, FALSE);
  else if (self->renaming != 0)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  prune_selection (self);
  update_selected_theme (self);
  update_highlighted (self);
  /* A template (or a first node) in an empty diagram: show all of it. */
  if (self->was_empty && !empty)
    {
      self->view_placed = FALSE;
      if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
        fit_view (self, 1.0);
    }
  self->was_empty = empty;
  update_accessible (self);
}

static void
drag_begin_cb (EbDiagramCanvas *self,
               double           x,
               double           y,
               GtkGestureDrag  *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  eb_diagram_canvas_pointer_press (self, x, y, state);
}

static void
drag_update_cb (EbDiagramCanvas *self,
                double           offset_x,
                double           offset_y,
                GtkGestureDrag  *gesture)
{
  if (self->drag != DRAG_NONE)
    eb_diagram_canvas_pointer_motion (self, self->press_x + offset_x, self->press_y + offset_y);
}

static void
drag_end_cb (EbDiagramCanvas *self,
             double           offset_x,
             double           offset_y,
             GtkGestureDrag  *gesture)
{
  eb_diagram_canvas_pointer_release (self, self->press_x + offset_x, self->press_y + offset_y);
}

static void
drag_cancel_cb (EbDiagramCanvas  *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  cancel_drag (self);
}

static void
pan_begin_cb (EbDiagramCanvas *self,
              double           x,
              double           y,
              GtkGestureDrag  *gesture)
{
  if (self->drag == DRAG_NONE)
    begin_pan (self, x, y);
}

static void
pan_update_cb (EbDiagramCanvas *self,
               double           offset_x,
               double           offset_y,
               GtkGestureDrag  *gesture)
{
  if (self->drag == DRAG_PAN)
    eb_diagram_canvas_pointer_motion (self, self->press_x + offset_x, self->press_y + offset_y);
}

static void
pan_end_cb (EbDiagramCanvas *self,
            double           offset_x,
            double           offset_y,
            GtkGestureDrag  *gesture)
{
  if (self->drag == DRAG_PAN)
    cancel_drag (self);
}

/* On the second release, once the press has selected the node: the
 * popover that opens then is not closed by the press. */
static void
click_released_cb (EbDiagramCanvas *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  if (n_press == 2)
    eb_diagram_canvas_double_click (self, x, y);
}

static void
motion_cb (EbDiagramCanvas          *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_inside = TRUE;
  if (self->drag == DRAG_NONE)
    {
      self->pointer_x = x;
      self->pointer_y = y;
      update_cursor (self);
    }
}

static void
leave_cb (EbDiagramCanvas          *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
}

static gboolean
scroll_cb (EbDiagramCanvas          *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double x = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (self->diagram == NULL)
    return FALSE;
  if ((state & GDK_CONTROL_MASK) != 0)
    {
      double factor = wheel ? pow (ZOOM_STEP, -dy) : exp (-dy / 200.0);

      place_view_at_zoom (self, self->zoom * factor, x, y);
      return TRUE;
    }
  /* Shift turns a plain wheel sideways. */
  if (wheel && (state & GDK_SHIFT_MASK) != 0 && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  pan_by (self, wheel ? dx * SCROLL_STEP : dx, wheel ? dy * SCROLL_STEP : dy);
  return TRUE;
}

static void
zoom_begin_cb (EbDiagramCanvas  *self,
               GdkEventSequence *sequence,
               GtkGesture       *gesture)
{
  self->gesture_zoom = self->zoom;
}

static void
zoom_scale_changed_cb (EbDiagramCanvas *self,
                       double           scale,
                       GtkGestureZoom  *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  place_view_at_zoom (self, self->gesture_zoom * scale, x, y);
}

static gboolean
key_pressed_cb (EbDiagramCanvas       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  return eb_diagram_canvas_key_press (self, keyval, state);
}

static void
key_released_cb (EbDiagramCanvas       *self,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_held = FALSE;
      update_cursor (self);
    }
}

static void
focus_enter_cb (EbDiagramCanvas         *self,
                GtkEventControllerFocus *controller)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (EbDiagramCanvas         *self,
                GtkEventControllerFocus *controller)
{
  self->space_held = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
drop_cb (EbDiagramCanvas *self,
         const GValue    *value,
         double           x,
         double           y,
         GtkDropTarget   *target)
{
  return eb_diagram_canvas_drop (self, value, x, y);
}

static gboolean
query_tooltip_cb (EbDiagramCanvas *self,
                  int              x,
                  int              y,
                  gboolean         keyboard_mode,
                  GtkTooltip      *tooltip)
{
  g_autofree char *markup = NULL;
  cairo_rectangle_t rect;
  GtkWidget *label;
  gint64 id = 0;
  double wx, wy, scale = get_scale (self);

  if (self->diagram == NULL || self->drag != DRAG_NONE || self->renaming != 0)
    return FALSE;
  if (keyboard_mode)
    id = get_focus_node (self);
  else
    {
      EbDiagramHit hit = eb_diagram_canvas_hit (self, x, y);

      if (hit.kind == EB_DIAGRAM_HIT_NODE)
        id = hit.id;
    }
  if (id == 0 || (markup = dup_node_tooltip (self, id)) == NULL || !get_node_rect (self, id, &rect))
    return FALSE;

  /* A label of its own, to wrap long quotes. */
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), TOOLTIP_WIDTH_CHARS);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_tooltip_set_custom (tooltip, label);
  eb_diagram_canvas_diagram_to_widget (self, rect.x, rect.y, &wx, &wy);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) floor (wx), (int) floor (wy),
                                                       (int) ceil (rect.width * scale),
                                                       (int) ceil (rect.height * scale) });
  return TRUE;
}

/* ---- Actions ---- */

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  eb_diagram_canvas_delete_selection (EB_DIAGRAM_CANVAS (widget));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbDiagramCanvas *self = EB_DIAGRAM_CANVAS (widget);

  if (get_focus_node (self) != 0)
    eb_diagram_canvas_start_rename (self, get_focus_node (self));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  eb_diagram_canvas_select_all (EB_DIAGRAM_CANVAS (widget));
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  eb_diagram_canvas_zoom_in (EB_DIAGRAM_CANVAS (widget));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  eb_diagram_canvas_zoom_out (EB_DIAGRAM_CANVAS (widget));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  eb_diagram_canvas_zoom_to_fit (EB_DIAGRAM_CANVAS (widget));
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  eb_diagram_canvas_set_zoom (EB_DIAGRAM_CANVAS (widget), 1.0);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  eb_diagram_canvas_undo (EB_DIAGRAM_CANVAS (widget));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  eb_diagram_canvas_redo (EB_DIAGRAM_CANVAS (widget));
}

/* ---- Style ---- */

static gboolean
same_color (const EbColor *a,
            const EbColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue;
}

/* The diagram in the colours of the style (light or dark); its text keeps
 * the figure's font and size, which the nodes' stored sizes are for. */
static void
update_style (EbDiagramCanvas *self)
{
  /* GtkStyleContext is how GTK 4.8 gives a widget's colours (it is
   * deprecated from 4.10, which has gtk_widget_get_color()). */
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  EbColor foreground, background;
  GdkRGBA rgba, accent;

  gtk_style_context_get_color (context, &rgba);
  foreground = (EbColor) { rgba.red, rgba.green, rgba.blue };
  if (gtk_style_context_lookup_color (context, "view_bg_color", &rgba))
    background = (EbColor) { rgba.red, rgba.green, rgba.blue };
  else
    background = eb_color_contrasting (&foreground);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };

  if (!same_color (&foreground, &self->options.foreground)
      || !same_color (&background, &self->options.background))
    {
      self->options.foreground = foreground;
      self->options.background = background;
      invalidate_drawing (self);
    }
  if (!gdk_rgba_equal (&accent, &self->accent))
    {
      self->accent = accent;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* ---- Overrides ---- */

static void
eb_diagram_canvas_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  EbDiagramCanvas *self = EB_DIAGRAM_CANVAS (widget);
  EbDiagramDrawing *drawing = ensure_drawing (self);
  cairo_rectangle_t bounds = { 0, 0, 0, 0 };
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;
  double extent;

  if (drawing != NULL)
    eb_diagram_drawing_get_bounds (drawing, &bounds);
  /* The whole diagram at 100 %, within reason. */
  extent = (horizontal ? bounds.width : bounds.height) * PIXELS_PER_POINT + 2 * FIT_PADDING;
  *minimum = horizontal ? MIN_WIDTH : MIN_HEIGHT;
  *natural = CLAMP ((int) ceil (extent), *minimum, horizontal ? NATURAL_MAX_WIDTH : NATURAL_MAX_HEIGHT);
}

static void
eb_diagram_canvas_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  EbDiagramCanvas *self = EB_DIAGRAM_CANVAS (widget);

  if (!self->view_placed && width > 0 && height > 0)
    fit_view (self, 1.0);
  if (self->rename_popover != NULL && self->renaming != 0)
    {
      place_rename_popover (self);
      gtk_popover_present (GTK_POPOVER (self->rename_popover));
    }
}

static void
eb_diagram_canvas_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  EbDiagramCanvas *self = EB_DIAGRAM_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_canvas (self, cr, width, height);
  cairo_destroy (cr);
}

/* Tab and Shift+Tab go from node to node in reading order, then on out
 * of the canvas. */
static gboolean
eb_diagram_canvas_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  EbDiagramCanvas *self = EB_DIAGRAM_CANVAS (widget);
  g_autoptr(GArray) order = NULL;
  gboolean forward = direction == GTK_DIR_TAB_FORWARD;
  gint64 focus = get_focus_node (self);
  int position = -1, next;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (eb_diagram_canvas_parent_class)->focus (widget, direction);

  order = dup_tab_order (self);
  if (!gtk_widget_has_focus (widget))
    {
      gtk_widget_grab_focus (widget);
      if (order->len > 0)
        eb_diagram_canvas_select_node (self, g_array_index (order, TabStop,
                                                            forward ? 0 : order->len - 1).id);
      update_accessible (self);
      return TRUE;
    }
  for (guint i = 0; i < order->len; i++)
    if (g_array_index (order, TabStop, i).id == focus)
      position = (int) i;
  if (position < 0)
    next = forward ? 0 : (int) order->len - 1;
  else
    next = position + (forward ? 1 : -1);
  if (next < 0 || next >= (int) order->len)
    return FALSE;
  eb_diagram_canvas_select_node (self, g_array_index (order, TabStop, next).id);
  return TRUE;
}

static void
eb_diagram_canvas_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (eb_diagram_canvas_parent_class)->css_changed (widget, change);

  update_style (EB_DIAGRAM_CANVAS (widget));
}

static void
eb_diagram_canvas_dispose (GObject *object)
{
  EbDiagramCanvas *self = EB_DIAGRAM_CANVAS (object);

  if (self->diagram != NULL)
    g_clear_signal_handler (&self->changed_id, self->diagram);
  g_clear_object (&self->diagram);
  g_clear_object (&self->selected_theme);
  g_clear_pointer (&self->drawing, eb_diagram_drawing_unref);
  g_clear_pointer (&self->rename_popover, gtk_widget_unparent);
  self->rename_entry = NULL;
  self->renaming = 0;

  G_OBJECT_CLASS (eb_diagram_canvas_parent_class)->dispose (object);
}

static void
eb_diagram_canvas_finalize (GObject *object)
{
  EbDiagramCanvas *self = EB_DIAGRAM_CANVAS (object);

  g_clear_object (&self->pango_context);
  g_clear_pointer (&self->selected, g_array_unref);
  g_clear_pointer (&self->highlighted, g_array_unref);
  g_clear_pointer (&self->tooltip_quotes, g_hash_table_unref);

  G_OBJECT_CLASS (eb_diagram_canvas_parent_class)->finalize (object);
}

static void
eb_diagram_canvas_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EbDiagramCanvas *self = EB_DIAGRAM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DIAGRAM:
      g_value_set_object (value, self->diagram);
      break;

    case PROP_SELECTED_THEME:
      g_value_set_object (value, self->selected_theme);
      break;

    case PROP_HIGHLIGHTED_THEME:
      g_value_set_int64 (value, self->highlighted_theme);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap);
      break;

    case PROP_CONNECT_MODE:
      g_value_set_boolean (value, self->connect_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_diagram_canvas_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EbDiagramCanvas *self = EB_DIAGRAM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DIAGRAM:
      eb_diagram_canvas_set_diagram (self, g_value_get_object (value));
      break;

    case PROP_HIGHLIGHTED_THEME:
      eb_diagram_canvas_set_highlighted_theme (self, g_value_get_int64 (value));
      break;

    case PROP_ZOOM:
      eb_diagram_canvas_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_SNAP_TO_GRID:
      eb_diagram_canvas_set_snap_to_grid (self, g_value_get_boolean (value));
      break;

    case PROP_CONNECT_MODE:
      eb_diagram_canvas_set_connect_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  mods,
             const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, action, NULL);
}

static void
eb_diagram_canvas_class_init (EbDiagramCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_diagram_canvas_dispose;
  object_class->finalize = eb_diagram_canvas_finalize;
  object_class->get_property = eb_diagram_canvas_get_property;
  object_class->set_property = eb_diagram_canvas_set_property;

  widget_class->measure = eb_diagram_canvas_measure;
  widget_class->size_allocate = eb_diagram_canvas_size_allocate;
  widget_class->snapshot = eb_diagram_canvas_snapshot;
  widget_class->focus = eb_diagram_canvas_focus;
  widget_class->css_changed = eb_diagram_canvas_css_changed;

  /**
   * EbDiagramCanvas:diagram:
   *
   * The diagram shown and edited, or %NULL.
   */
  properties[PROP_DIAGRAM] =
    g_param_spec_object ("diagram", NULL, NULL,
                         EB_TYPE_DIAGRAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbDiagramCanvas:selected-theme:
   *
   * The theme the only selected node is linked to, or %NULL.
   */
  properties[PROP_SELECTED_THEME] =
    g_param_spec_object ("selected-theme", NULL, NULL,
                         EB_TYPE_THEME,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbDiagramCanvas:highlighted-theme:
   *
   * The id of the theme whose nodes are marked, or 0.
   */
  properties[PROP_HIGHLIGHTED_THEME] =
    g_param_spec_int64 ("highlighted-theme", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbDiagramCanvas:zoom:
   *
   * The scale: 1.0 shows the diagram at its printed size.
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbDiagramCanvas:snap-to-grid:
   *
   * Whether dragged and new nodes land on the grid, which is then shown.
   */
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbDiagramCanvas:connect-mode:
   *
   * Whether dragging from a node connects it rather than moving it.
   */
  properties[PROP_CONNECT_MODE] =
    g_param_spec_boolean ("connect-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbDiagramCanvas::node-activated:
   * @self: the canvas
   * @node: the EbDiagramNode
   *
   * Enter was pressed on a node.
   */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, EB_TYPE_DIAGRAM_NODE);

  /**
   * EbDiagramCanvas::selection-changed:
   * @self: the canvas
   *
   * The selected nodes or arrow changed.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "canvas.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "canvas.redo", NULL, redo_action);
  gtk_widget_class_install_property_action (widget_class, "canvas.snap-to-grid", "snap-to-grid");
  gtk_widget_class_install_property_action (widget_class, "canvas.connect-mode", "connect-mode");

  add_binding (widget_class, GDK_KEY_Delete, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_F2, 0, "canvas.rename");
  add_binding (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all");
  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit");
  add_binding (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-fit");
  add_binding (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "canvas.zoom-reset");
  add_binding (widget_class, GDK_KEY_KP_1, GDK_CONTROL_MASK, "canvas.zoom-reset");
  add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "canvas.undo");
  add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.redo");
  add_binding (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.redo");
  add_binding (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "canvas.redo");

  /* GTK 4.8 has no accessible objects for parts of a drawn widget: the
   * canvas announces the node that has the focus as its own label. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
  gtk_widget_class_set_css_name (widget_class, "diagramcanvas");
}

static void
eb_diagram_canvas_init (EbDiagramCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkDropTarget *target;
  GType drop_types[] = { EB_TYPE_THEME, G_TYPE_STRING };

  self->zoom = 1.0;
  self->snap = TRUE;
  self->was_empty = TRUE;
  self->selected = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->highlighted = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tooltip_quotes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->pango_context = eb_figure_create_pango_context ();
  eb_diagram_render_options_init (&self->options);
  self->options.fill_background = FALSE;
  self->accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_add_css_class (widget, "view");
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect_swapped (gesture, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (pan_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (pan_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (pan_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect_swapped (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  /* The themes sidebar offers its themes to move only. */
  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  gtk_drop_target_set_gtypes (target, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect_swapped (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));

  update_actions (self);
  update_accessible (self);
}

/* ---- Public API ---- */

GtkWidget *
eb_diagram_canvas_new (void)
{
  return g_object_new (EB_TYPE_DIAGRAM_CANVAS, NULL);
}

EbDiagram *
eb_diagram_canvas_get_diagram (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), NULL);

  return self->diagram;
}

void
eb_diagram_canvas_set_diagram (EbDiagramCanvas *self,
                               EbDiagram       *diagram)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));
  g_return_if_fail (diagram == NULL || EB_IS_DIAGRAM (diagram));

  if (self->diagram == diagram)
    return;

  eb_diagram_canvas_stop_rename (self, FALSE);
  cancel_drag (self);
  if (self->diagram != NULL)
    g_clear_signal_handler (&self->changed_id, self->diagram);
  g_set_object (&self->diagram, diagram);
  if (diagram != NULL)
    self->changed_id = g_signal_connect_swapped (diagram, "changed",
                                                 G_CALLBACK (diagram_changed_cb), self);

  invalidate_drawing (self);
  g_hash_table_remove_all (self->tooltip_quotes);
  self->was_empty = diagram == NULL || eb_diagram_is_empty (diagram);
  self->view_placed = FALSE;
  g_array_set_size (self->selected, 0);
  self->selected_edge = 0;
  selection_changed (self);
  update_highlighted (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGRAM]);
}

gint64
eb_diagram_canvas_get_selected_node (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), 0);

  return get_focus_node (self);
}

GArray *
eb_diagram_canvas_dup_selected_nodes (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), NULL);

  return g_array_copy (self->selected);
}

gint64
eb_diagram_canvas_get_selected_edge (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), 0);

  return self->selected_edge;
}

void
eb_diagram_canvas_select_node (EbDiagramCanvas *self,
                               gint64           id)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  if (id == 0 || self->diagram == NULL || eb_diagram_get_node (self->diagram, id) == NULL)
    {
      set_selection (self, NULL, 0, 0);
      return;
    }
  set_selection (self, &id, 1, 0);
  keep_node_in_sight (self, id);
}

void
eb_diagram_canvas_select_edge (EbDiagramCanvas *self,
                               gint64           id)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  if (id == 0 || self->diagram == NULL || eb_diagram_get_edge (self->diagram, id) == NULL)
    id = 0;
  set_selection (self, NULL, 0, id);
}

void
eb_diagram_canvas_select_all (EbDiagramCanvas *self)
{
  g_autoptr(GArray) ids = NULL;
  GListModel *nodes;

  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  if (self->diagram == NULL)
    return;
  nodes = eb_diagram_get_nodes (self->diagram);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);
      gint64 id = eb_diagram_node_get_id (node);

      g_array_append_val (ids, id);
    }
  set_selection (self, (const gint64 *) ids->data, ids->len, 0);
}

void
eb_diagram_canvas_clear_selection (EbDiagramCanvas *self)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  set_selection (self, NULL, 0, 0);
}

EbTheme *
eb_diagram_canvas_get_selected_theme (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), NULL);

  return self->selected_theme;
}

void
eb_diagram_canvas_set_highlighted_theme (EbDiagramCanvas *self,
                                         gint64           theme_id)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));
  g_return_if_fail (theme_id >= 0);

  if (self->highlighted_theme == theme_id)
    return;
  self->highlighted_theme = theme_id;
  update_highlighted (self);
  if (self->highlighted->len > 0)
    {
      cairo_rectangle_t total = { 0, 0, -1, -1 };

      for (guint i = 0; i < self->highlighted->len; i++)
        {
          cairo_rectangle_t rect;

          if (!get_node_rect (self, g_array_index (self->highlighted, gint64, i), &rect))
            continue;
          if (total.width < 0)
            total = rect;
          else
            {
              double x1 = MAX (total.x + total.width, rect.x + rect.width);
              double y1 = MAX (total.y + total.height, rect.y + rect.height);

              total.x = MIN (total.x, rect.x);
              total.y = MIN (total.y, rect.y);
              total.width = x1 - total.x;
              total.height = y1 - total.y;
            }
        }
      if (total.width >= 0)
        keep_in_sight (self, &total);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTED_THEME]);
}

gint64
eb_diagram_canvas_get_highlighted_theme (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), 0);

  return self->highlighted_theme;
}

gboolean
eb_diagram_canvas_is_highlighted (EbDiagramCanvas *self,
                                  gint64           id)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), FALSE);

  for (guint i = 0; i < self->highlighted->len; i++)
    if (g_array_index (self->highlighted, gint64, i) == id)
      return TRUE;
  return FALSE;
}

gint64
eb_diagram_canvas_add_node_at (EbDiagramCanvas *self,
                               const char      *label,
                               gint64           theme_id,
                               double           x,
                               double           y)
{
  cairo_rectangle_t rect;
  double width, height;

  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), 0);

  if (self->diagram == NULL)
    return 0;
  measure_new_node (self, label_for_new_node (self, label, theme_id), theme_id, &width, &height);
  rect = (cairo_rectangle_t) { x - width / 2, y - height / 2, width, height };
  return add_node (self, label != NULL ? label : (theme_id != 0 ? NULL : _("New node")), theme_id,
                   &rect);
}

gint64
eb_diagram_canvas_add_node_at_centre (EbDiagramCanvas *self,
                                      const char      *label,
                                      gint64           theme_id)
{
  cairo_rectangle_t rect;
  double x, y, width, height;

  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), 0);

  if (self->diagram == NULL)
    return 0;
  eb_diagram_canvas_widget_to_diagram (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &x, &y);
  measure_new_node (self, label_for_new_node (self, label, theme_id), theme_id, &width, &height);
  rect = (cairo_rectangle_t) { x - width / 2, y - height / 2, width, height };
  /* Several new nodes in a row: each down and to the right of the last. */
  for (guint i = 0; i < MAX_CASCADE && !node_at_clear_of_others (self, &rect); i++)
    {
      rect.x += CASCADE_STEP;
      rect.y += CASCADE_STEP;
    }
  return add_node (self, label != NULL ? label : (theme_id != 0 ? NULL : _("New node")), theme_id,
                   &rect);
}

gboolean
eb_diagram_canvas_delete_selection (EbDiagramCanvas *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), FALSE);

  if (self->diagram == NULL)
    return FALSE;
  if (self->selected_edge != 0)
    {
      if (!eb_diagram_disconnect (self->diagram, self->selected_edge, &error))
        {
          show_error (self, error);
          return FALSE;
        }
      return TRUE;
    }
  if (self->selected->len == 0)
    return FALSE;
  return delete_nodes (self);
}

void
eb_diagram_canvas_start_rename (EbDiagramCanvas *self,
                                gint64           id)
{
  EbDiagramNode *node;

  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  if (self->diagram == NULL || (node = eb_diagram_get_node (self->diagram, id)) == NULL)
    return;
  if (self->renaming != 0)
    eb_diagram_canvas_stop_rename (self, TRUE);
  cancel_drag (self);
  eb_diagram_canvas_select_node (self, id);

  ensure_rename_popover (self);
  self->renaming = id;
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), eb_diagram_node_get_label (node));
  place_rename_popover (self);
  gtk_popover_popup (GTK_POPOVER (self->rename_popover));
  gtk_widget_grab_focus (self->rename_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
}

void
eb_diagram_canvas_stop_rename (EbDiagramCanvas *self,
                               gboolean         commit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  EbDiagramNode *node;
  gint64 id;

  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  if (self->renaming == 0)
    return;
  /* First, so that the popover closing does not come back here. */
  id = self->renaming;
  self->renaming = 0;
  label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rename_entry))));
  gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  node = self->diagram != NULL ? eb_diagram_get_node (self->diagram, id) : NULL;
  if (!commit || node == NULL || label[0] == '\0' || g_str_equal (label, eb_diagram_node_get_label (node)))
    return;
  if (!eb_diagram_rename_node (self->diagram, id, label, &error))
    show_error (self, error);
}

gint64
eb_diagram_canvas_get_renaming (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), 0);

  return self->renaming;
}

GtkEditable *
eb_diagram_canvas_get_rename_entry (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), NULL);

  ensure_rename_popover (self);
  return GTK_EDITABLE (self->rename_entry);
}

static gboolean
run_undo (EbDiagramCanvas *self,
          gboolean         redo)
{
  g_autoptr(GError) error = NULL;
  EbUndoStack *stack;
  gboolean ok;

  if (self->diagram == NULL)
    return FALSE;
  eb_diagram_canvas_stop_rename (self, FALSE);
  cancel_drag (self);
  stack = eb_coding_store_get_undo_stack (eb_diagram_get_store (self->diagram));
  ok = redo ? eb_undo_stack_redo (stack, &error) : eb_undo_stack_undo (stack, &error);
  if (!ok)
    {
      if (g_error_matches (error, EB_UNDO_ERROR, EB_UNDO_ERROR_NOTHING))
        gtk_widget_error_bell (GTK_WIDGET (self));
      else
        show_error (self, error);
    }
  return ok;
}

gboolean
eb_diagram_canvas_undo (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), FALSE);

  return run_undo (self, FALSE);
}

gboolean
eb_diagram_canvas_redo (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), FALSE);

  return run_undo (self, TRUE);
}

double
eb_diagram_canvas_get_zoom (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), 1.0);

  return self->zoom;
}

void
eb_diagram_canvas_set_zoom (EbDiagramCanvas *self,
                            double           zoom)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  place_view_at_zoom (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                      gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
eb_diagram_canvas_zoom_in (EbDiagramCanvas *self)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  eb_diagram_canvas_set_zoom (self, self->zoom * ZOOM_STEP);
}

void
eb_diagram_canvas_zoom_out (EbDiagramCanvas *self)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  eb_diagram_canvas_set_zoom (self, self->zoom / ZOOM_STEP);
}

void
eb_diagram_canvas_zoom_to_fit (EbDiagramCanvas *self)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  fit_view (self, MAX_FIT_ZOOM);
}

gboolean
eb_diagram_canvas_get_snap_to_grid (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), FALSE);

  return self->snap;
}

void
eb_diagram_canvas_set_snap_to_grid (EbDiagramCanvas *self,
                                    gboolean         snap)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  snap = !!snap;
  if (self->snap == snap)
    return;
  self->snap = snap;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

gboolean
eb_diagram_canvas_get_connect_mode (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), FALSE);

  return self->connect_mode;
}

void
eb_diagram_canvas_set_connect_mode (EbDiagramCanvas *self,
                                    gboolean         connect_mode)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));

  connect_mode = !!connect_mode;
  if (self->connect_mode == connect_mode)
    return;
  self->connect_mode = connect_mode;
  update_cursor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_MODE]);
}

EbDiagramDrawing *
eb_diagram_canvas_get_drawing (EbDiagramCanvas *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), NULL);

  return ensure_drawing (self);
}

void
eb_diagram_canvas_diagram_to_widget (EbDiagramCanvas *self,
                                     double           x,
                                     double           y,
                                     double          *widget_x,
                                     double          *widget_y)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));
  g_return_if_fail (widget_x != NULL && widget_y != NULL);

  *widget_x = (x - self->view_x) * get_scale (self);
  *widget_y = (y - self->view_y) * get_scale (self);
}

void
eb_diagram_canvas_widget_to_diagram (EbDiagramCanvas *self,
                                     double           widget_x,
                                     double           widget_y,
                                     double          *x,
                                     double          *y)
{
  g_return_if_fail (EB_IS_DIAGRAM_CANVAS (self));
  g_return_if_fail (x != NULL && y != NULL);

  *x = self->view_x + widget_x / get_scale (self);
  *y = self->view_y + widget_y / get_scale (self);
}

EbDiagramHit
eb_diagram_canvas_hit (EbDiagramCanvas *self,
                       double           widget_x,
                       double           widget_y)
{
  EbDiagramHit none = { EB_DIAGRAM_HIT_NONE, 0 };
  EbDiagramDrawing *drawing;
  double x, y;

  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), none);

  if ((drawing = ensure_drawing (self)) == NULL)
    return none;
  eb_diagram_canvas_widget_to_diagram (self, widget_x, widget_y, &x, &y);
  /* The handles belong to the focus node only, as drawn. */
  return eb_diagram_drawing_hit (drawing, x, y, HIT_TOLERANCE / get_scale (self),
                                 get_focus_node (self));
}

char *
eb_diagram_canvas_dup_tooltip_markup (EbDiagramCanvas *self,
                                      double           widget_x,
                                      double           widget_y)
{
  EbDiagramHit hit;

  g_return_val_if_fail (EB_IS_DIAGRAM_CANVAS (self), NULL);

  hit = eb_diagram_canvas_hit (self, widget_x, widget_y);
  if (hit.kind != EB_DIAGRAM_HIT_NODE)
    return NULL;
  return dup_node_tooltip (self, hit.id);
}
