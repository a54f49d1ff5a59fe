/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-diagram-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eb-adaptive-toolbar.h"
#include "figure-chooser.h"
#include "eb-diagram-view.h"

struct _EbDiagramView
{
  GtkWidget           parent_instance;

  EbDiagram          *diagram;
  gulong              changed_id;
  EbDiagramDirection  direction;
  GCancellable       *export_cancellable;
  guint               zoom_label_id;

  GtkWidget          *toast_overlay;
  GtkWidget          *stack;
  GtkWidget          *empty_page;
  GtkWidget          *peer_mentoring_button;
  GtkWidget          *logic_model_button;
  GtkWidget          *theme_button;
  GtkWidget          *arrange_button;
  GtkWidget          *zoom_label;
  GtkWidget          *template_button;
  EbDiagramCanvas    *canvas;
};

/* One figure export, handed to the worker thread: where to read the
 * project and where to write the figure. The worker opens the project
 * itself, since the diagram, like its drawings, belongs to this thread. */
typedef struct
{
  char           *project_path;
  char           *path;
  EbFigureFormat  format;
} ExportJob;

G_DEFINE_FINAL_TYPE (EbDiagramView, eb_diagram_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DIAGRAM,
  PROP_DIRECTION,
  PROP_SNAP_TO_GRID,
  PROP_CONNECT_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const EbDiagramTemplate menu_templates[] = {
  EB_DIAGRAM_TEMPLATE_PEER_MENTORING,
  EB_DIAGRAM_TEMPLATE_LOGIC_MODEL,
};

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->project_path);
  g_free (job->path);
  g_free (job);
}

static void
show_toast (EbDiagramView *self,
            const char    *message,
            gboolean       important)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (important)
    {
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), toast);
}

static void
update_page (EbDiagramView *self)
{
  gboolean empty = self->diagram == NULL || eb_diagram_is_empty (self->diagram);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
  const char *page = empty ? "empty" : "diagram";

  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), page) == 0)
    return;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
  /* The focus was on what went away: on to what came. */
  if (had_focus && !empty)
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
update_sensitivity (EbDiagramView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_diagram = self->diagram != NULL;
  gboolean has_nodes = has_diagram && !eb_diagram_is_empty (self->diagram);
  gboolean has_selection = eb_diagram_canvas_get_selected_node (self->canvas) != 0
                           || eb_diagram_canvas_get_selected_edge (self->canvas) != 0;

  gtk_widget_action_set_enabled (widget, "diagram.add-node", has_diagram);
  gtk_widget_action_set_enabled (widget, "diagram.add-theme-node", has_diagram);
  gtk_widget_action_set_enabled (widget, "diagram.add-from-theme", has_nodes);
  gtk_widget_action_set_enabled (widget, "diagram.delete", has_selection);
  gtk_widget_action_set_enabled (widget, "diagram.arrange", has_nodes);
  gtk_widget_action_set_enabled (widget, "diagram.template", has_diagram);
  gtk_widget_action_set_enabled (widget, "diagram.export-figure",
                                 has_nodes && self->export_cancellable == NULL);
}

static void
update_direction (EbDiagramView *self)
{
  EbDiagramDirection direction = self->diagram != NULL ? eb_diagram_get_direction (self->diagram)
                                                       : EB_DIAGRAM_LEFT_TO_RIGHT;

  if (direction == self->direction)
    return;
  self->direction = direction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

static gboolean
arrange (EbDiagramView *self)
{
  g_autoptr(GError) error = NULL;

  if (!eb_diagram_arrange (self->diagram, eb_diagram_render_measure, NULL, &error))
    {
      show_toast (self, error->message, TRUE);
      return FALSE;
    }
  eb_diagram_canvas_zoom_to_fit (self->canvas);
  return TRUE;
}

static void
set_direction (EbDiagramView      *self,
               EbDiagramDirection  direction)
{
  g_autoptr(GError) error = NULL;

  if (self->diagram == NULL || direction == eb_diagram_get_direction (self->diagram))
    return;
  if (!eb_diagram_set_direction (self->diagram, direction, &error))
    {
      show_toast (self, error->message, TRUE);
      return;
    }
  update_direction (self);
  /* A new direction is seen only laid out again. */
  if (!eb_diagram_is_empty (self->diagram))
    arrange (self);
}

/* ---- Menus ---- */

/* Every theme of the codebook, depth first, indented by depth. */
static void
fill_theme_menu (EbDiagramView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = NULL;
  EbCodebook *codebook = self->diagram != NULL
                         ? eb_coding_store_get_codebook (eb_diagram_get_store (self->diagram)) : NULL;
  g_autoptr(GPtrArray) themes = codebook != NULL ? eb_codebook_dup_themes (codebook) : NULL;

  for (guint i = 0; themes != NULL && i < themes->len; i++)
    {
      EbTheme *theme = g_ptr_array_index (themes, i);
      g_autoptr(GString) label = g_string_new (NULL);
      g_autoptr(GMenuItem) item = NULL;

      /* A section for each top-level theme and its sub-themes. */
      if (eb_theme_get_depth (theme) == 0)
        {
          if (section != NULL)
            g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
          g_clear_object (&section);
          section = g_menu_new ();
        }
      for (guint d = 0; d < eb_theme_get_depth (theme); d++)
        g_string_append (label, "\u2003");
      /* Menu labels take mnemonics: double any underscore. */
      for (const char *p = eb_theme_get_name (theme); *p != '\0'; p++)
        {
          if (*p == '_')
            g_string_append_c (label, '_');
          g_string_append_c (label, *p);
        }
      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target_value (item, "diagram.add-theme-node",
                                               g_variant_new_int64 (eb_theme_get_id (theme)));
      g_menu_append_item (section, item);
    }
  if (section != NULL)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  if (themes == NULL || themes->len == 0)
    g_menu_append (menu, _("The codebook has no themes yet"), "diagram.none");

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->theme_button), G_MENU_MODEL (menu));
}

static void
fill_template_menu (EbDiagramView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (menu_templates); i++)
    {
      const char *name = eb_diagram_template_to_string (menu_templates[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (eb_diagram_template_get_title (menu_templates[i]),
                                                   NULL);

      g_menu_item_set_action_and_target_value (item, "diagram.template", g_variant_new_string (name));
      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, _("Add a Template"), G_MENU_MODEL (section));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->template_button), G_MENU_MODEL (menu));
}

static void
create_theme_popup (GtkMenuButton *button,
                    gpointer       user_data)
{
  fill_theme_menu (EB_DIAGRAM_VIEW (user_data));
}

/* ---- Figure export ---- */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(EbDiagram) diagram = NULL;
  EbDiagramRenderOptions options;

  /* The figure's own look: black on white, the figure font. */
  eb_diagram_render_options_init (&options);
  if ((project = eb_project_open_readonly (job->project_path, &error)) == NULL
      || (survey = eb_project_load_survey (project, &error)) == NULL
      || (store = eb_coding_store_new (project, survey, NULL, &error)) == NULL
      || (diagram = eb_diagram_new (store, &error)) == NULL
      || !eb_diagram_export (diagram, &options, job->format, EB_FIGURE_DEFAULT_WIDTH_MM,
                             EB_FIGURE_DEFAULT_DPI, job->path, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EbDiagramView *self = EB_DIAGRAM_VIEW (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (job->path);
  g_autofree char *message = NULL;

  if (eb_diagram_view_export_figure_finish (self, result, &error))
    {
      message = g_strdup_printf (_("Saved the diagram as “%s”"), name);
      show_toast (self, message, FALSE);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message, TRUE);
}

static void
export_response_cb (GtkNativeDialog *native,
                    int              response,
                    EbDiagramView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = eb_figure_chooser_dup_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        eb_diagram_view_export_figure_to (self, file, NULL, export_done_cb, NULL);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
unref_view (gpointer  data,
            GClosure *closure)
{
  g_object_unref (data);
}

/* ---- Signal callbacks ---- */

static void
diagram_changed_cb (EbDiagramView *self,
                    EbDiagram     *diagram)
{
  update_page (self);
  update_direction (self);
  update_sensitivity (self);
}

static void
canvas_selection_changed_cb (EbDiagramView   *self,
                             EbDiagramCanvas *canvas)
{
  update_sensitivity (self);
}

static void
update_zoom_label (EbDiagramView *self)
{
  g_autofree char *text = g_strdup_printf ("%.0f %%", eb_diagram_canvas_get_zoom (self->canvas) * 100);

  gtk_label_set_text (GTK_LABEL (self->zoom_label), text);
}

static gboolean
update_zoom_label_cb (gpointer data)
{
  EbDiagramView *self = data;

  self->zoom_label_id = 0;
  update_zoom_label (self);
  return G_SOURCE_REMOVE;
}

/* The canvas fits the diagram, and so changes its zoom, while it is being
 * given its size, after the toolbar has had its own: a new label then
 * would leave the toolbar without a size for that frame, blank and with a
 * warning. The label follows once the frame is done. */
static void
canvas_zoom_changed_cb (EbDiagramView   *self,
                        GParamSpec      *pspec,
                        EbDiagramCanvas *canvas)
{
  if (self->zoom_label_id == 0)
    {
      self->zoom_label_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_zoom_label_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->zoom_label_id),
                                "[eb] diagram update_zoom_label_cb");
    }
}

static void
canvas_property_changed_cb (EbDiagramView   *self,
                            GParamSpec      *pspec,
                            EbDiagramCanvas *canvas)
{
  if (g_str_equal (pspec->name, "snap-to-grid"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
  else if (g_str_equal (pspec->name, "connect-mode"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_MODE]);
}

/* ---- Actions ---- */

static void
add_node_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EbDiagramView *self = EB_DIAGRAM_VIEW (widget);
  gint64 id;

  if (self->diagram == NULL)
    return;
  /* On the canvas page, so that the node has somewhere to be. */
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "diagram");
  id = eb_diagram_canvas_add_node_at_centre (self->canvas, NULL, 0);
  update_page (self);
  if (id != 0)
    eb_diagram_canvas_start_rename (self->canvas, id);
}

static void
add_theme_node_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EbDiagramView *self = EB_DIAGRAM_VIEW (widget);

  if (self->diagram == NULL)
    return;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "diagram");
  eb_diagram_canvas_add_node_at_centre (self->canvas, NULL, g_variant_get_int64 (parameter));
  update_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
add_from_theme_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EbDiagramView *self = EB_DIAGRAM_VIEW (widget);

  if (gtk_widget_get_mapped (self->theme_button))
    gtk_menu_button_popup (GTK_MENU_BUTTON (self->theme_button));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  eb_diagram_canvas_delete_selection (EB_DIAGRAM_VIEW (widget)->canvas);
}

static void
arrange_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EbDiagramView *self = EB_DIAGRAM_VIEW (widget);

  if (self->diagram != NULL && !eb_diagram_is_empty (self->diagram))
    arrange (self);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  eb_diagram_canvas_zoom_in (EB_DIAGRAM_VIEW (widget)->canvas);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  eb_diagram_canvas_zoom_out (EB_DIAGRAM_VIEW (widget)->canvas);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  eb_diagram_canvas_zoom_to_fit (EB_DIAGRAM_VIEW (widget)->canvas);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  eb_diagram_canvas_set_zoom (EB_DIAGRAM_VIEW (widget)->canvas, 1.0);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  eb_diagram_canvas_undo (EB_DIAGRAM_VIEW (widget)->canvas);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  eb_diagram_canvas_redo (EB_DIAGRAM_VIEW (widget)->canvas);
}

static void
template_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EbDiagramView *self = EB_DIAGRAM_VIEW (widget);
  EbDiagramTemplate template;

  if (eb_diagram_template_from_string (g_variant_get_string (parameter, NULL), &template))
    eb_diagram_view_apply_template (self, template);
}

static void
export_figure_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  eb_diagram_view_export_figure (EB_DIAGRAM_VIEW (widget));
}

/* ---- Overrides ---- */

static gboolean
eb_diagram_view_grab_focus (GtkWidget *widget)
{
  EbDiagramView *self = EB_DIAGRAM_VIEW (widget);

  if (self->diagram != NULL && !eb_diagram_is_empty (self->diagram))
    return gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  return GTK_WIDGET_CLASS (eb_diagram_view_parent_class)->grab_focus (widget);
}

static void
eb_diagram_view_dispose (GObject *object)
{
  EbDiagramView *self = EB_DIAGRAM_VIEW (object);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->zoom_label_id, g_source_remove);
  if (self->diagram != NULL)
    g_clear_signal_handler (&self->changed_id, self->diagram);
  g_clear_object (&self->diagram);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_DIAGRAM_VIEW);

  G_OBJECT_CLASS (eb_diagram_view_parent_class)->dispose (object);
}

static void
eb_diagram_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbDiagramView *self = EB_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_DIAGRAM:
      g_value_set_object (value, self->diagram);
      break;

    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;

    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, eb_diagram_canvas_get_snap_to_grid (self->canvas));
      break;

    case PROP_CONNECT_MODE:
      g_value_set_boolean (value, eb_diagram_canvas_get_connect_mode (self->canvas));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_diagram_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EbDiagramView *self = EB_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_DIAGRAM:
      eb_diagram_view_set_diagram (self, g_value_get_object (value));
      break;

    case PROP_DIRECTION:
      set_direction (self, g_value_get_enum (value));
      break;

    case PROP_SNAP_TO_GRID:
      eb_diagram_canvas_set_snap_to_grid (self->canvas, g_value_get_boolean (value));
      break;

    case PROP_CONNECT_MODE:
      eb_diagram_canvas_set_connect_mode (self->canvas, g_value_get_boolean (value));
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
eb_diagram_view_class_init (EbDiagramViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_diagram_view_dispose;
  object_class->get_property = eb_diagram_view_get_property;
  object_class->set_property = eb_diagram_view_set_property;

  widget_class->grab_focus = eb_diagram_view_grab_focus;

  /**
   * EbDiagramView:diagram:
   *
   * The diagram shown and edited, or %NULL.
   */
  properties[PROP_DIAGRAM] =
    g_param_spec_object ("diagram", NULL, NULL,
                         EB_TYPE_DIAGRAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbDiagramView:direction:
   *
   * Which way Arrange Automatically lays the arrows; setting it arranges
   * the diagram that way.
   */
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL,
                       EB_TYPE_DIAGRAM_DIRECTION, EB_DIAGRAM_LEFT_TO_RIGHT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbDiagramView:snap-to-grid:
   *
   * The canvas's "snap-to-grid".
   */
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbDiagramView:connect-mode:
   *
   * The canvas's "connect-mode".
   */
  properties[PROP_CONNECT_MODE] =
    g_param_spec_boolean ("connect-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EB_TYPE_DIAGRAM_CANVAS);

  g_type_ensure (EB_TYPE_ADAPTIVE_TOOLBAR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/eb-diagram-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EbDiagramView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EbDiagramView, stack);
  gtk_widget_class_bind_template_child (widget_class, EbDiagramView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EbDiagramView, peer_mentoring_button);
  gtk_widget_class_bind_template_child (widget_class, EbDiagramView, logic_model_button);
  gtk_widget_class_bind_template_child (widget_class, EbDiagramView, theme_button);
  gtk_widget_class_bind_template_child (widget_class, EbDiagramView, arrange_button);
  gtk_widget_class_bind_template_child (widget_class, EbDiagramView, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, EbDiagramView, template_button);
  gtk_widget_class_bind_template_child (widget_class, EbDiagramView, canvas);

  gtk_widget_class_install_action (widget_class, "diagram.add-node", NULL, add_node_action);
  gtk_widget_class_install_action (widget_class, "diagram.add-theme-node", "x", add_theme_node_action);
  gtk_widget_class_install_action (widget_class, "diagram.add-from-theme", NULL, add_from_theme_action);
  gtk_widget_class_install_action (widget_class, "diagram.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "diagram.arrange", NULL, arrange_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "diagram.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "diagram.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "diagram.template", "s", template_action);
  gtk_widget_class_install_action (widget_class, "diagram.export-figure", NULL, export_figure_action);
  gtk_widget_class_install_property_action (widget_class, "diagram.direction", "direction");
  gtk_widget_class_install_property_action (widget_class, "diagram.snap-to-grid", "snap-to-grid");
  gtk_widget_class_install_property_action (widget_class, "diagram.connect-mode", "connect-mode");

  add_binding (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.add-node");
  add_binding (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.add-node");
  add_binding (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.add-from-theme");
  add_binding (widget_class, GDK_KEY_T, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.add-from-theme");
  add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.connect-mode");
  add_binding (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.connect-mode");
  add_binding (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.arrange");
  add_binding (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.arrange");
  add_binding (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.snap-to-grid");
  add_binding (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.snap-to-grid");
  add_binding (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.export-figure");
  add_binding (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.export-figure");
  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "diagram.zoom-in");
  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "diagram.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "diagram.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "diagram.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "diagram.zoom-out");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "diagram.zoom-fit");
  add_binding (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "diagram.zoom-fit");
  add_binding (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "diagram.zoom-reset");
  add_binding (widget_class, GDK_KEY_KP_1, GDK_CONTROL_MASK, "diagram.zoom-reset");
  add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "diagram.undo");
  add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.redo");
  add_binding (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "diagram.redo");
  add_binding (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "diagram.redo");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "diagramview");
}

static void
eb_diagram_view_init (EbDiagramView *self)
{
  self->direction = EB_DIAGRAM_LEFT_TO_RIGHT;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_button_set_label (GTK_BUTTON (self->peer_mentoring_button),
                        eb_diagram_template_get_title (EB_DIAGRAM_TEMPLATE_PEER_MENTORING));
  gtk_button_set_label (GTK_BUTTON (self->logic_model_button),
                        eb_diagram_template_get_title (EB_DIAGRAM_TEMPLATE_LOGIC_MODEL));
  fill_template_menu (self);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->theme_button),
                                         create_theme_popup, self, NULL);

  g_signal_connect_swapped (self->canvas, "selection-changed",
                            G_CALLBACK (canvas_selection_changed_cb), self);
  g_signal_connect_swapped (self->canvas, "notify::zoom", G_CALLBACK (canvas_zoom_changed_cb), self);
  g_signal_connect_swapped (self->canvas, "notify::snap-to-grid",
                            G_CALLBACK (canvas_property_changed_cb), self);
  g_signal_connect_swapped (self->canvas, "notify::connect-mode",
                            G_CALLBACK (canvas_property_changed_cb), self);
  update_zoom_label (self);
  update_page (self);
  update_sensitivity (self);
}

/* ---- Public API ---- */

GtkWidget *
eb_diagram_view_new (void)
{
  return g_object_new (EB_TYPE_DIAGRAM_VIEW, NULL);
}

EbDiagram *
eb_diagram_view_get_diagram (EbDiagramView *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_VIEW (self), NULL);

  return self->diagram;
}

void
eb_diagram_view_set_diagram (EbDiagramView *self,
                             EbDiagram     *diagram)
{
  g_return_if_fail (EB_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (diagram == NULL || EB_IS_DIAGRAM (diagram));

  if (self->diagram == diagram)
    return;

  if (self->diagram != NULL)
    g_clear_signal_handler (&self->changed_id, self->diagram);
  g_set_object (&self->diagram, diagram);
  if (diagram != NULL)
    self->changed_id = g_signal_connect_swapped (diagram, "changed",
                                                 G_CALLBACK (diagram_changed_cb), self);
  eb_diagram_canvas_set_diagram (self->canvas, diagram);
  update_page (self);
  update_direction (self);
  update_sensitivity (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGRAM]);
}

EbDiagramCanvas *
eb_diagram_view_get_canvas (EbDiagramView *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_VIEW (self), NULL);

  return self->canvas;
}

gboolean
eb_diagram_view_is_empty_page (EbDiagramView *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_VIEW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "empty") == 0;
}

gboolean
eb_diagram_view_apply_template (EbDiagramView     *self,
                                EbDiagramTemplate  template)
{
  g_autoptr(GError) error = NULL;
  gboolean was_empty;

  g_return_val_if_fail (EB_IS_DIAGRAM_VIEW (self), FALSE);

  if (self->diagram == NULL)
    return FALSE;
  was_empty = eb_diagram_is_empty (self->diagram);
  if (!eb_diagram_apply_template (self->diagram, template, eb_diagram_render_measure, NULL, &error))
    {
      show_toast (self, error->message, TRUE);
      return FALSE;
    }
  update_page (self);
  /* An empty diagram's canvas fits its first nodes itself. */
  if (!was_empty)
    eb_diagram_canvas_zoom_to_fit (self->canvas);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  return TRUE;
}

void
eb_diagram_view_export_figure (EbDiagramView *self)
{
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;
  EbProject *project;

  g_return_if_fail (EB_IS_DIAGRAM_VIEW (self));

  if (self->diagram == NULL || eb_diagram_is_empty (self->diagram) || self->export_cancellable != NULL)
    return;

  native = eb_figure_chooser_new (GTK_WIDGET (self));
  chooser = GTK_FILE_CHOOSER (native);

  /* Beside the project, named like the figure `evalbench export
   * --figures` writes. */
  project = eb_diagram_get_project (self->diagram);
  if (!eb_project_is_untitled (project))
    {
      g_autofree char *folder = g_path_get_dirname (eb_project_get_path (project));
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (chooser, file, NULL);
    }
  gtk_file_chooser_set_current_name (chooser, "diagram.png");

  g_signal_connect_data (native, "response", G_CALLBACK (export_response_cb),
                         g_object_ref (self), unref_view, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
eb_diagram_view_export_figure_to (EbDiagramView       *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;
  const char *dot;

  g_return_if_fail (EB_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->diagram == NULL || eb_diagram_is_empty (self->diagram) || self->export_cancellable != NULL)
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, eb_diagram_view_export_figure_to);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               self->export_cancellable == NULL ? _("There is no diagram to export")
                                                                : _("A figure is being exported already"));
      return;
    }

  /* Kept until the export finishes: it also says one is running. */
  self->export_cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  task = g_task_new (self, self->export_cancellable, callback, user_data);
  g_task_set_source_tag (task, eb_diagram_view_export_figure_to);

  job = g_new0 (ExportJob, 1);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      export_job_free (job);
      g_clear_object (&self->export_cancellable);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Cannot save “%s”: figures can only be saved to a local folder"), uri);
      return;
    }
  dot = strrchr (job->path, '.');
  if (dot == NULL || !eb_figure_format_from_string (dot + 1, &job->format))
    job->format = EB_FIGURE_FORMAT_PNG;
  /* Every edit is committed before it returns: the file holds the
   * diagram as shown. */
  job->project_path = g_strdup (eb_project_get_path (eb_diagram_get_project (self->diagram)));

  g_task_set_task_data (task, job, export_job_free);
  update_sensitivity (self);
  g_task_run_in_thread (task, export_thread);
}

gboolean
eb_diagram_view_export_figure_finish (EbDiagramView  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (EB_IS_DIAGRAM_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* Not the refusal of a second export while one runs. */
  if (self->export_cancellable != NULL
      && g_task_get_cancellable (G_TASK (result)) == self->export_cancellable)
    {
      g_clear_object (&self->export_cancellable);
      update_sensitivity (self);
    }
  return g_task_propagate_boolean (G_TASK (result), error);
}
