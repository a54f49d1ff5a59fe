/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-preferences-window.h"

struct _EbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  AdwPreferencesGroup  *coding_group;
  AdwEntryRow          *coder_row;
};

G_DEFINE_FINAL_TYPE (EbPreferencesWindow, eb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The rows of the style combo, in the order of the .ui file. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_to_selected (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_str_equal (scheme, color_schemes[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
selected_to_color_scheme (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[selected]);
}

static void
eb_preferences_window_dispose (GObject *object)
{
  EbPreferencesWindow *self = EB_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eb_preferences_window_parent_class)->dispose (object);
}

static void
eb_preferences_window_class_init (EbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/eb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EbPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, EbPreferencesWindow, coding_group);
  gtk_widget_class_bind_template_child (widget_class, EbPreferencesWindow, coder_row);
}

static void
eb_preferences_window_init (EbPreferencesWindow *self)
{
  g_autofree char *description = NULL;
  const char *real_name;
  GtkEditable *text;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_to_selected,
                                selected_to_color_scheme,
                                NULL, NULL);
  g_settings_bind (self->settings, "coder-name",
                   self->coder_row, "text",
                   G_SETTINGS_BIND_DEFAULT);

  /* An empty name means the account's real name (see the schema); say
   * which, both in the group and as the entry's placeholder. */
  real_name = g_get_real_name ();
  if (real_name == NULL || *real_name == '\0' || g_str_equal (real_name, "Unknown"))
    real_name = g_get_user_name ();

  description = g_strdup_printf (_("Your codings and memos are recorded under this name, "
                                   "so that coders can be compared. Leave it empty to use "
                                   "“%s”."),
                                 real_name);
  adw_preferences_group_set_description (self->coding_group, description);

  text = gtk_editable_get_delegate (GTK_EDITABLE (self->coder_row));
  if (GTK_IS_TEXT (text))
    gtk_text_set_placeholder_text (GTK_TEXT (text), real_name);
}

GtkWidget *
eb_preferences_window_new (GtkWindow *transient_for)
{
  g_return_val_if_fail (transient_for == NULL || GTK_IS_WINDOW (transient_for), NULL);

  return g_object_new (EB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       "modal", transient_for != NULL,
                       "destroy-with-parent", TRUE,
                       NULL);
}
