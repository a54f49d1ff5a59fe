/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-adaptive-toolbar"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "eb-adaptive-toolbar.h"

struct _EbAdaptiveToolbar
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  guint      update_id;
  gboolean   mnemonics_ready;
};

G_DEFINE_FINAL_TYPE (EbAdaptiveToolbar, eb_adaptive_toolbar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define LABEL_ROOM_KEY "eb-label-room"
#define MNEMONIC_KEY "eb-icon-mnemonic"
#define SHORTCUT_KEY "eb-shortcut"

static void
collect_label_pages (GtkWidget *widget,
                     GPtrArray *pages)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_SQUEEZER (child) && gtk_widget_get_ancestor (child, GTK_TYPE_BUTTON) != NULL)
        g_ptr_array_add (pages, gtk_widget_get_first_child (child));
      else if (gtk_widget_get_visible (child))
        collect_label_pages (child, pages);
    }
}

static int
get_label_room (GtkWidget *page)
{
  if (gtk_widget_get_visible (page))
    {
      GtkWidget *icon = gtk_widget_get_next_sibling (page);
      int label_width = 0, icon_width = 0;

      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &label_width, NULL, NULL);
      if (icon != NULL)
        gtk_widget_measure (icon, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &icon_width, NULL, NULL);
      g_object_set_data (G_OBJECT (page), LABEL_ROOM_KEY, GINT_TO_POINTER (MAX (label_width - icon_width, 0)));
    }
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (page), LABEL_ROOM_KEY));
}

/* Shows the labels that fit at the toolbar's width and hides the others;
 * with APPLY FALSE, only returns whether any would change. */
static gboolean
update_labels (EbAdaptiveToolbar *self,
               gboolean           apply)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  gboolean changed = FALSE;
  int natural = 0;
  int room;

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return FALSE;
  collect_label_pages (self->child, pages);
  gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  room = gtk_widget_get_width (GTK_WIDGET (self)) - natural;
  for (guint i = 0; i < pages->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (pages, i);

      if (gtk_widget_get_visible (page))
        room += get_label_room (page);
    }
  for (guint i = 0; i < pages->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (pages, i);
      int needed = get_label_room (page);
      gboolean show = needed <= room;

      if (show)
        room -= needed;
      if (show == gtk_widget_get_visible (page))
        continue;
      changed = TRUE;
      if (apply)
        {
          GtkShortcutController *mnemonic = g_object_get_data (G_OBJECT (page), MNEMONIC_KEY);

          gtk_widget_set_visible (page, show);
          if (mnemonic != NULL)
            {
              GtkShortcut *shortcut = g_object_get_data (G_OBJECT (mnemonic), SHORTCUT_KEY);

              if (show)
                gtk_shortcut_controller_remove_shortcut (mnemonic, shortcut);
              else
                gtk_shortcut_controller_add_shortcut (mnemonic, g_object_ref (shortcut));
            }
        }
    }
  return changed;
}

static gboolean
update_labels_cb (gpointer data)
{
  EbAdaptiveToolbar *self = data;

  self->update_id = 0;
  update_labels (self, TRUE);
  return G_SOURCE_REMOVE;
}

static guint
get_mnemonic_keyval (GtkWidget *page)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (page) && gtk_label_get_use_underline (GTK_LABEL (page)))
    text = gtk_label_get_label (GTK_LABEL (page));
  else if (ADW_IS_BUTTON_CONTENT (page) && adw_button_content_get_use_underline (ADW_BUTTON_CONTENT (page)))
    text = adw_button_content_get_label (ADW_BUTTON_CONTENT (page));
  for (const char *p = text != NULL ? strchr (text, '_') : NULL; p != NULL; p = strchr (p + 2, '_'))
    {
      if (p[1] == '\0')
        break;
      if (p[1] != '_')
        return gdk_keyval_to_lower (gdk_unicode_to_keyval (g_utf8_get_char (p + 1)));
    }
  return GDK_KEY_VoidSymbol;
}

/* Each label's mnemonic on its button (as the button's own label's would
 * be), and the same mnemonic for when the label is hidden. */
static void
set_up_mnemonics (EbAdaptiveToolbar *self)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  collect_label_pages (GTK_WIDGET (self), pages);
  for (guint i = 0; i < pages->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (pages, i);
      GtkWidget *button = gtk_widget_get_ancestor (page, GTK_TYPE_BUTTON);
      guint keyval = get_mnemonic_keyval (page);
      GtkEventController *mnemonic;
      GtkShortcut *shortcut;

      if (keyval == GDK_KEY_VoidSymbol || g_object_get_data (G_OBJECT (page), MNEMONIC_KEY) != NULL)
        continue;
      if (GTK_IS_LABEL (page))
        gtk_label_set_mnemonic_widget (GTK_LABEL (page), button);
      /* As GtkLabel does it; the shortcut is added while the label is
       * hidden (a controller's phase cannot change once it is managed). */
      mnemonic = gtk_shortcut_controller_new ();
      gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (mnemonic), GTK_SHORTCUT_SCOPE_MANAGED);
      gtk_event_controller_set_propagation_phase (mnemonic, GTK_PHASE_CAPTURE);
      shortcut = gtk_shortcut_new (gtk_mnemonic_trigger_new (keyval), g_object_ref (gtk_mnemonic_action_get ()));
      g_object_set_data_full (G_OBJECT (mnemonic), SHORTCUT_KEY, shortcut, g_object_unref);
      gtk_widget_add_controller (button, mnemonic);
      g_object_set_data (G_OBJECT (page), MNEMONIC_KEY, mnemonic);
    }
}

static void
eb_adaptive_toolbar_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  EbAdaptiveToolbar *self = EB_ADAPTIVE_TOOLBAR (widget);

  if (self->child != NULL)
    gtk_widget_measure (self->child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
eb_adaptive_toolbar_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  EbAdaptiveToolbar *self = EB_ADAPTIVE_TOOLBAR (widget);

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  if (self->update_id == 0 && update_labels (self, FALSE))
    {
      self->update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_labels_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->update_id),
                                "[eb] update_labels_cb");
    }
  gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

/* By now the toolbar's buttons are all there (a template fills them in
 * after the toolbar is made). */
static void
eb_adaptive_toolbar_root (GtkWidget *widget)
{
  EbAdaptiveToolbar *self = EB_ADAPTIVE_TOOLBAR (widget);

  GTK_WIDGET_CLASS (eb_adaptive_toolbar_parent_class)->root (widget);
  if (!self->mnemonics_ready)
    {
      self->mnemonics_ready = TRUE;
      set_up_mnemonics (self);
    }
}

static void
eb_adaptive_toolbar_dispose (GObject *object)
{
  EbAdaptiveToolbar *self = EB_ADAPTIVE_TOOLBAR (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (eb_adaptive_toolbar_parent_class)->dispose (object);
}

static void
eb_adaptive_toolbar_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EbAdaptiveToolbar *self = EB_ADAPTIVE_TOOLBAR (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_adaptive_toolbar_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EbAdaptiveToolbar *self = EB_ADAPTIVE_TOOLBAR (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      eb_adaptive_toolbar_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_adaptive_toolbar_class_init (EbAdaptiveToolbarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_adaptive_toolbar_dispose;
  object_class->get_property = eb_adaptive_toolbar_get_property;
  object_class->set_property = eb_adaptive_toolbar_set_property;
  widget_class->measure = eb_adaptive_toolbar_measure;
  widget_class->size_allocate = eb_adaptive_toolbar_size_allocate;
  widget_class->root = eb_adaptive_toolbar_root;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_adaptive_toolbar_init (EbAdaptiveToolbar *self)
{
}

GtkWidget *
eb_adaptive_toolbar_new (void)
{
  return g_object_new (EB_TYPE_ADAPTIVE_TOOLBAR, NULL);
}

GtkWidget *
eb_adaptive_toolbar_get_child (EbAdaptiveToolbar *self)
{
  g_return_val_if_fail (EB_IS_ADAPTIVE_TOOLBAR (self), NULL);

  return self->child;
}

void
eb_adaptive_toolbar_set_child (EbAdaptiveToolbar *self,
                               GtkWidget         *child)
{
  g_return_if_fail (EB_IS_ADAPTIVE_TOOLBAR (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  self->mnemonics_ready = FALSE;
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
      self->mnemonics_ready = TRUE;
      set_up_mnemonics (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
