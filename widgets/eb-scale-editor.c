/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-scale-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-scale-editor.h"

struct _EbScaleEditor
{
  AdwWindow            parent_instance;

  char                *item_title;
  EbScale             *initial_scale;

  /* The levels, lowest first: their labels and whether each is a real
   * answer, in the order of the list box's rows (one per level). */
  GPtrArray           *labels;            /* char * */
  GArray              *non_substantive;   /* gboolean */
  int                  dragged_level;     /* -1 unless a row of ours is dragged */
  gboolean             can_apply;

  /* Template children */
  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *levels_group;
  GtkListBox          *levels_list;
  AdwPreferencesGroup *apply_group;
  AdwActionRow        *apply_row;
  GtkSwitch           *apply_switch;
  GtkLabel            *spec_label;
};

G_DEFINE_FINAL_TYPE (EbScaleEditor, eb_scale_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ITEM_TITLE,
  PROP_SCALE,
  PROP_CAN_APPLY,
  PROP_APPLY_TO_ALL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
level_is_non_substantive (EbScaleEditor *self,
                          guint          level)
{
  return g_array_index (self->non_substantive, gboolean, level);
}

static guint
count_substantive (EbScaleEditor *self)
{
  guint n = 0;

  for (guint i = 0; i < self->non_substantive->len; i++)
    n += !level_is_non_substantive (self, i);
  return n;
}

/* Real answers are numbered 1, 2, 3… in order; others have no number. */
static guint
substantive_number (EbScaleEditor *self,
                    guint          level)
{
  guint n = 0;

  for (guint i = 0; i <= level; i++)
    n += !level_is_non_substantive (self, i);
  return n;
}

static char *
dup_labels_spec (EbScaleEditor *self)
{
  g_autoptr(EbScale) scale = eb_scale_editor_dup_scale (self);

  return scale != NULL ? eb_scale_to_spec (scale) : NULL;
}

/* For the command line: in double quotes, with what a shell would expand
 * there escaped. */
static char *
quote_for_shell (const char *text)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\' || *p == '$' || *p == '`')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

static void
update_state (EbScaleEditor *self)
{
  guint n_substantive = count_substantive (self);
  gboolean can_apply = n_substantive >= 2;
  g_autofree char *spec = dup_labels_spec (self);

  if (can_apply)
    {
      g_autofree char *quoted = quote_for_shell (spec);
      g_autofree char *text = NULL;

      /* TRANSLATORS: %s is the scale for a command-line option, "Low<High" */
      text = g_strdup_printf (_("The same scale on the command line: --scale %s"), quoted);
      gtk_label_set_text (self->spec_label, text);
      if (n_substantive % 2 == 1)
        adw_preferences_group_set_description (self->levels_group,
                                               _("Drag an answer, or use its arrows, to put it in "
                                                 "order. The middle real answer is the neutral "
                                                 "point."));
      else
        adw_preferences_group_set_description (self->levels_group,
                                               _("Drag an answer, or use its arrows, to put it in "
                                                 "order. With an even number of real answers "
                                                 "there is no neutral point."));
    }
  else
    {
      gtk_label_set_text (self->spec_label, "");
      adw_preferences_group_set_description (self->levels_group,
                                             _("A scale needs at least two real answers: mark "
                                               "fewer answers as not a real answer."));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scale-editor.apply", can_apply);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scale-editor.reverse", n_substantive >= 2);

  if (can_apply != self->can_apply)
    {
      self->can_apply = can_apply;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_APPLY]);
    }
}

static GtkWidget *
find_row (EbScaleEditor *self,
          guint          level)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->levels_list, (int) level));
}

static GtkWidget *
row_part (GtkWidget  *row,
          const char *name)
{
  return g_object_get_data (G_OBJECT (row), name);
}

/* The rows stay; what each shows follows its level: label, number, marks
 * and which arrows can move it. */
static void
refresh_rows (EbScaleEditor *self)
{
  int midpoint = eb_scale_editor_get_midpoint (self);
  guint n_levels = self->labels->len;

  for (guint level = 0; level < n_levels; level++)
    {
      GtkWidget *row = find_row (self, level);
      const char *label = g_ptr_array_index (self->labels, level);
      gboolean non_substantive = level_is_non_substantive (self, level);
      GtkWidget *check = row_part (row, "eb-check");
      g_autofree char *up_label = NULL;
      g_autofree char *down_label = NULL;
      char number[16] = "";

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      if (non_substantive)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     _("Counted apart: not in percentages or means"));
      else if ((int) level == midpoint)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Neutral: the middle answer"));
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "");

      if (!non_substantive)
        g_snprintf (number, sizeof number, "%u", substantive_number (self, level));
      gtk_label_set_text (GTK_LABEL (row_part (row, "eb-number")), number);

      g_signal_handlers_block_matched (check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), non_substantive);
      g_signal_handlers_unblock_matched (check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

      /* TRANSLATORS: %s is an answer such as "Agree" */
      up_label = g_strdup_printf (_("Move “%s” up"), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row_part (row, "eb-up-button")),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, up_label,
                                      -1);
      gtk_widget_set_sensitive (row_part (row, "eb-up-button"), level > 0);

      /* TRANSLATORS: %s is an answer such as "Agree" */
      down_label = g_strdup_printf (_("Move “%s” down"), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row_part (row, "eb-down-button")),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, down_label,
                                      -1);
      gtk_widget_set_sensitive (row_part (row, "eb-down-button"), level + 1 < n_levels);
    }
  update_state (self);
}

static guint
row_level (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  g_assert (row != NULL);

  return (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

/* Moves the level at FROM to TO; if FOCUS names an arrow, the keyboard
 * follows the level to that arrow of its new row (or the other one, at
 * either end). */
static void
move_level (EbScaleEditor *self,
            guint          from,
            guint          to,
            const char    *focus)
{
  gpointer label;
  gboolean flag;

  if (from == to)
    return;

  label = g_ptr_array_steal_index (self->labels, from);
  g_ptr_array_insert (self->labels, (int) to, label);
  flag = level_is_non_substantive (self, from);
  g_array_remove_index (self->non_substantive, from);
  g_array_insert_val (self->non_substantive, to, flag);
  refresh_rows (self);

  if (focus != NULL)
    {
      GtkWidget *row = find_row (self, to);
      GtkWidget *target = row_part (row, focus);

      if (!gtk_widget_get_sensitive (target))
        target = row_part (row, g_str_equal (focus, "eb-up-button") ? "eb-down-button"
                                                                    : "eb-up-button");
      gtk_widget_grab_focus (target);
    }
}

static void
move_up_clicked_cb (EbScaleEditor *self,
                    GtkButton     *button)
{
  guint level = row_level (GTK_WIDGET (button));

  if (level > 0)
    move_level (self, level, level - 1, "eb-up-button");
}

static void
move_down_clicked_cb (EbScaleEditor *self,
                      GtkButton     *button)
{
  guint level = row_level (GTK_WIDGET (button));

  if (level + 1 < self->labels->len)
    move_level (self, level, level + 1, "eb-down-button");
}

static void
non_substantive_toggled_cb (EbScaleEditor  *self,
                            GtkCheckButton *check)
{
  guint level = row_level (GTK_WIDGET (check));

  g_array_index (self->non_substantive, gboolean, level) = gtk_check_button_get_active (check);
  refresh_rows (self);
}

/* Dragging a row onto another moves it there. */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 EbScaleEditor *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  g_object_set_data (G_OBJECT (row), "eb-drag-x", GINT_TO_POINTER ((int) x));
  g_object_set_data (G_OBJECT (row), "eb-drag-y", GINT_TO_POINTER ((int) y));
  return gdk_content_provider_new_typed (G_TYPE_UINT, row_level (row));
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               EbScaleEditor *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  self->dragged_level = (int) row_level (row);
  gtk_drag_source_set_icon (source, paintable,
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "eb-drag-x")),
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "eb-drag-y")));
}

static void
drag_end_cb (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             EbScaleEditor *self)
{
  self->dragged_level = -1;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target,
               double         x,
               double         y,
               EbScaleEditor *self)
{
  return self->dragged_level >= 0 ? GDK_ACTION_MOVE : 0;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         EbScaleEditor *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint from;

  /* Only levels of this editor: another editor's row means nothing here. */
  if (self->dragged_level < 0 || !G_VALUE_HOLDS_UINT (value))
    return FALSE;
  from = g_value_get_uint (value);
  if ((int) from != self->dragged_level || from >= self->labels->len)
    return FALSE;

  eb_scale_editor_move_level (self, from, row_level (row));
  return TRUE;
}

static GtkWidget *
new_arrow_button (EbScaleEditor *self,
                  const char    *icon_name,
                  const char    *tooltip,
                  GCallback      callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  return button;
}

/* A row for a level; refresh_rows() fills it in. */
static GtkWidget *
new_level_row (EbScaleEditor *self)
{
  GtkWidget *row;
  GtkWidget *handle;
  GtkWidget *number;
  GtkWidget *check;
  GtkWidget *up;
  GtkWidget *down;
  GtkDragSource *source;
  GtkDropTarget *target;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  /* Prefixes go before those added earlier: the number, then the handle
   * at the start of the row. */
  number = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (number), 2);
  gtk_label_set_xalign (GTK_LABEL (number), 1.0f);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), number);

  handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to move"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);

  check = gtk_check_button_new_with_label (_("Not a real answer"));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("For answers such as “Don't know” or “Not applicable”: "
                                        "counted apart, left out of percentages and means"));
  g_signal_connect_object (check, "toggled", G_CALLBACK (non_substantive_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);

  up = new_arrow_button (self, "go-up-symbolic", _("Move Up"), G_CALLBACK (move_up_clicked_cb));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
  down = new_arrow_button (self, "go-down-symbolic", _("Move Down"),
                           G_CALLBACK (move_down_clicked_cb));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);

  g_object_set_data (G_OBJECT (row), "eb-number", number);
  g_object_set_data (G_OBJECT (row), "eb-check", check);
  g_object_set_data (G_OBJECT (row), "eb-up-button", up);
  g_object_set_data (G_OBJECT (row), "eb-down-button", down);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (drag_end_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  g_signal_connect_object (target, "enter", G_CALLBACK (drop_enter_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  return row;
}

static void
load_scale (EbScaleEditor *self)
{
  guint n_levels = self->initial_scale != NULL ? eb_scale_get_n_levels (self->initial_scale) : 0;

  for (guint i = 0; i < n_levels; i++)
    {
      gboolean flag = eb_scale_is_non_substantive (self->initial_scale, i);

      g_ptr_array_add (self->labels, g_strdup (eb_scale_get_label (self->initial_scale, i)));
      g_array_append_val (self->non_substantive, flag);
      gtk_list_box_append (self->levels_list, new_level_row (self));
    }
  refresh_rows (self);
}

static void
apply_switch_active_cb (EbScaleEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLY_TO_ALL]);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  eb_scale_editor_apply (EB_SCALE_EDITOR (widget));
}

static void
reverse_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  eb_scale_editor_reverse (EB_SCALE_EDITOR (widget));
}

static void
eb_scale_editor_constructed (GObject *object)
{
  EbScaleEditor *self = EB_SCALE_EDITOR (object);

  G_OBJECT_CLASS (eb_scale_editor_parent_class)->constructed (object);

  adw_window_title_set_subtitle (self->window_title, self->item_title != NULL ? self->item_title : "");
  load_scale (self);
}

static void
eb_scale_editor_dispose (GObject *object)
{
  EbScaleEditor *self = EB_SCALE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_SCALE_EDITOR);

  G_OBJECT_CLASS (eb_scale_editor_parent_class)->dispose (object);
}

static void
eb_scale_editor_finalize (GObject *object)
{
  EbScaleEditor *self = EB_SCALE_EDITOR (object);

  g_clear_pointer (&self->item_title, g_free);
  g_clear_pointer (&self->initial_scale, eb_scale_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->non_substantive, g_array_unref);

  G_OBJECT_CLASS (eb_scale_editor_parent_class)->finalize (object);
}

static void
eb_scale_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbScaleEditor *self = EB_SCALE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ITEM_TITLE:
      g_value_set_string (value, self->item_title);
      break;

    case PROP_SCALE:
      g_value_take_boxed (value, eb_scale_editor_dup_scale (self));
      break;

    case PROP_CAN_APPLY:
      g_value_set_boolean (value, self->can_apply);
      break;

    case PROP_APPLY_TO_ALL:
      g_value_set_boolean (value, eb_scale_editor_get_apply_to_all (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_scale_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EbScaleEditor *self = EB_SCALE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ITEM_TITLE:
      self->item_title = g_value_dup_string (value);
      break;

    case PROP_SCALE:
      self->initial_scale = g_value_dup_boxed (value);
      break;

    case PROP_APPLY_TO_ALL:
      eb_scale_editor_set_apply_to_all (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_scale_editor_class_init (EbScaleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = eb_scale_editor_constructed;
  object_class->dispose = eb_scale_editor_dispose;
  object_class->finalize = eb_scale_editor_finalize;
  object_class->get_property = eb_scale_editor_get_property;
  object_class->set_property = eb_scale_editor_set_property;

  /**
   * EbScaleEditor:item-title:
   *
   * The title of the item whose scale is edited, shown under the dialog's.
   */
  properties[PROP_ITEM_TITLE] =
    g_param_spec_string ("item-title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * EbScaleEditor:scale:
   *
   * Set once, the scale to edit; read, the scale as edited (or %NULL while
   * it has fewer than two real answers).
   */
  properties[PROP_SCALE] =
    g_param_spec_boxed ("scale", NULL, NULL,
                        EB_TYPE_SCALE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * EbScaleEditor:can-apply:
   *
   * Whether at least two levels are real answers, which a scale needs.
   */
  properties[PROP_CAN_APPLY] =
    g_param_spec_boolean ("can-apply", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbScaleEditor:apply-to-all:
   *
   * Whether the scale also goes to the other items with the same answers.
   */
  properties[PROP_APPLY_TO_ALL] =
    g_param_spec_boolean ("apply-to-all", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbScaleEditor::applied:
   * @scale: the scale as edited
   * @apply_to_all: whether it goes to every item with the same answers
   */
  signals[APPLIED] =
    g_signal_new ("applied",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  EB_TYPE_SCALE | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/eb-scale-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EbScaleEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, EbScaleEditor, levels_group);
  gtk_widget_class_bind_template_child (widget_class, EbScaleEditor, levels_list);
  gtk_widget_class_bind_template_child (widget_class, EbScaleEditor, apply_group);
  gtk_widget_class_bind_template_child (widget_class, EbScaleEditor, apply_row);
  gtk_widget_class_bind_template_child (widget_class, EbScaleEditor, apply_switch);
  gtk_widget_class_bind_template_child (widget_class, EbScaleEditor, spec_label);
  gtk_widget_class_bind_template_callback (widget_class, apply_switch_active_cb);

  gtk_widget_class_install_action (widget_class, "scale-editor.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "scale-editor.reverse", NULL, reverse_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "scale-editor.apply", NULL);
}

static void
eb_scale_editor_init (EbScaleEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->non_substantive = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->dragged_level = -1;
}

GtkWidget *
eb_scale_editor_new (GtkWindow  *parent,
                     const char *item_title,
                     EbScale    *scale)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (scale != NULL, NULL);

  return g_object_new (EB_TYPE_SCALE_EDITOR,
                       "transient-for", parent,
                       "item-title", item_title,
                       "scale", scale,
                       NULL);
}

EbScale *
eb_scale_editor_dup_scale (EbScaleEditor *self)
{
  guint n_levels;

  g_return_val_if_fail (EB_IS_SCALE_EDITOR (self), NULL);

  n_levels = self->labels->len;
  if (n_levels == 0 || count_substantive (self) < 2)
    return NULL;

  return eb_scale_new ((const char * const *) self->labels->pdata,
                       (const gboolean *) (gpointer) self->non_substantive->data,
                       n_levels);
}

gboolean
eb_scale_editor_get_can_apply (EbScaleEditor *self)
{
  g_return_val_if_fail (EB_IS_SCALE_EDITOR (self), FALSE);

  return self->can_apply;
}

guint
eb_scale_editor_get_n_levels (EbScaleEditor *self)
{
  g_return_val_if_fail (EB_IS_SCALE_EDITOR (self), 0);

  return self->labels->len;
}

const char *
eb_scale_editor_get_label (EbScaleEditor *self,
                           guint          level)
{
  g_return_val_if_fail (EB_IS_SCALE_EDITOR (self), NULL);
  g_return_val_if_fail (level < eb_scale_editor_get_n_levels (self), NULL);

  return g_ptr_array_index (self->labels, level);
}

gboolean
eb_scale_editor_get_non_substantive (EbScaleEditor *self,
                                     guint          level)
{
  g_return_val_if_fail (EB_IS_SCALE_EDITOR (self), FALSE);
  g_return_val_if_fail (level < eb_scale_editor_get_n_levels (self), FALSE);

  return level_is_non_substantive (self, level);
}

void
eb_scale_editor_set_non_substantive (EbScaleEditor *self,
                                     guint          level,
                                     gboolean       non_substantive)
{
  g_return_if_fail (EB_IS_SCALE_EDITOR (self));
  g_return_if_fail (level < eb_scale_editor_get_n_levels (self));

  /* The row's check button does the rest, as when clicked. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row_part (find_row (self, level), "eb-check")),
                               non_substantive);
}

void
eb_scale_editor_move_level (EbScaleEditor *self,
                            guint          from,
                            guint          to)
{
  guint n_levels;

  g_return_if_fail (EB_IS_SCALE_EDITOR (self));

  n_levels = eb_scale_editor_get_n_levels (self);
  g_return_if_fail (from < n_levels);
  g_return_if_fail (to < n_levels);

  move_level (self, from, to, NULL);
}

void
eb_scale_editor_reverse (EbScaleEditor *self)
{
  g_autoptr(GArray) real = NULL;

  g_return_if_fail (EB_IS_SCALE_EDITOR (self));

  real = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->non_substantive->len; i++)
    if (!level_is_non_substantive (self, i))
      g_array_append_val (real, i);
  if (real->len < 2)
    return;

  for (guint i = 0, j = real->len - 1; i < j; i++, j--)
    {
      guint a = g_array_index (real, guint, i);
      guint b = g_array_index (real, guint, j);
      gpointer swap = self->labels->pdata[a];

      self->labels->pdata[a] = self->labels->pdata[b];
      self->labels->pdata[b] = swap;
    }
  refresh_rows (self);
}

int
eb_scale_editor_get_midpoint (EbScaleEditor *self)
{
  guint n_substantive;
  guint seen = 0;

  g_return_val_if_fail (EB_IS_SCALE_EDITOR (self), -1);

  n_substantive = count_substantive (self);
  if (n_substantive % 2 == 0)
    return -1;

  for (guint i = 0; i < self->non_substantive->len; i++)
    {
      if (level_is_non_substantive (self, i))
        continue;
      if (seen == n_substantive / 2)
        return (int) i;
      seen++;
    }
  g_return_val_if_reached (-1);
}

void
eb_scale_editor_set_matching_items (EbScaleEditor      *self,
                                    const char * const *titles)
{
  guint n;

  g_return_if_fail (EB_IS_SCALE_EDITOR (self));

  n = titles != NULL ? g_strv_length ((char **) titles) : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->apply_group), n > 0);
  if (n == 0)
    {
      eb_scale_editor_set_apply_to_all (self, FALSE);
      return;
    }

  {
    g_autofree char *joined = NULL;
    g_autofree char *subtitle = NULL;

    if (n <= 3)
      {
        joined = g_strjoinv ("”, “", (char **) titles);
        /* TRANSLATORS: %s is a list of item titles, "Q2”, “Q3" */
        subtitle = g_strdup_printf (_("Also “%s”"), joined);
      }
    else
      {
        g_autofree char *first = g_strjoin ("”, “", titles[0], titles[1], NULL);

        /* TRANSLATORS: %s is a list of two item titles; %u is more than one */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Also “%s” and %u more item",
                                                 "Also “%s” and %u more items",
                                                 n - 2),
                                    first, n - 2);
      }
    adw_action_row_set_subtitle (self->apply_row, subtitle);
    adw_action_row_set_subtitle_lines (self->apply_row, 2);
  }
}

gboolean
eb_scale_editor_get_apply_to_all (EbScaleEditor *self)
{
  g_return_val_if_fail (EB_IS_SCALE_EDITOR (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->apply_group)) &&
         gtk_switch_get_active (self->apply_switch);
}

void
eb_scale_editor_set_apply_to_all (EbScaleEditor *self,
                                  gboolean       apply_to_all)
{
  g_return_if_fail (EB_IS_SCALE_EDITOR (self));

  /* The switch notifies through apply_switch_active_cb(). */
  gtk_switch_set_active (self->apply_switch, apply_to_all);
}

void
eb_scale_editor_apply (EbScaleEditor *self)
{
  g_autoptr(EbScale) scale = NULL;

  g_return_if_fail (EB_IS_SCALE_EDITOR (self));

  scale = eb_scale_editor_dup_scale (self);
  if (scale == NULL)
    return;

  g_signal_emit (self, signals[APPLIED], 0, scale, eb_scale_editor_get_apply_to_all (self));
  gtk_window_close (GTK_WINDOW (self));
}
