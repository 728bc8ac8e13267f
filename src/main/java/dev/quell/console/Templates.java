package dev.quell.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The console's jte templates, compiled to Java classes at build time (src/main/jte, by jte-maven-plugin), so pages
 * render without a compiler at run time. jte escapes every {@code ${...}} for the HTML context it lands in.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders a template whose only parameter is {@code model}. */
    public String render(String template, Object model) {
        StringOutput output = new StringOutput(8192);
        engine.render(template, model, output);
        return output.toString();
    }
}
