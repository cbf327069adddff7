using OpenCue.Authoring.Json;
using static OpenCue.Authoring.Tests.Json.JsonTestSupport;

namespace OpenCue.Authoring.Tests.Json;

public class PyOutlineJsonErrorTests
{
    private static PyOutlineJsonException LoadFails(string json)
    {
        var act = () => PyOutlineJson.Load(json);
        return act.Should().Throw<PyOutlineJsonException>().Which;
    }

    [Fact]
    public void The_exception_is_an_OutlineException()
    {
        LoadFails("[]").Should().BeAssignableTo<OutlineException>();
    }

    [Fact]
    public void An_unknown_module_names_the_layer_and_lists_the_modules()
    {
        var e = LoadFails(OneLayer("\"command\": [\"x\"]", "outline.modules.maya.Maya"));

        e.LayerName.Should().Be("render");
        e.Key.Should().Be("module");
        e.Message.Should().Contain("'render'").And.Contain("outline.modules.maya.Maya")
            .And.Contain("outline.modules.shell.Shell, outline.modules.shell.ShellCommand, outline.modules.shell.ShellScript, outline.modules.shell.ShellSequence");
    }

    [Fact]
    public void An_unknown_argument_names_the_layer_the_key_and_the_accepted_arguments()
    {
        var e = LoadFails(OneLayer("\"command\": [\"x\"], \"min_cores\": 4"));

        e.LayerName.Should().Be("render");
        e.Key.Should().Be("min_cores");
        e.Message.Should().Contain("Layer 'render' (outline.modules.shell.Shell)").And.Contain("'min_cores'")
            .And.Contain("Accepted: chunk, command, cores, env, gpu_memory, gpus, limits, max_cores, memory, outputs, range, register, require, retries, service, tags, threadable, threads, timeout, timeout_llu, type.");
    }

    [Theory]
    [InlineData("outline.modules.shell.ShellScript", "\"command\": [\"x\"]", "command")]
    [InlineData("outline.modules.shell.ShellSequence", "\"command\": [\"x\"]", "command")]
    [InlineData("outline.modules.shell.Shell", "\"commands\": [\"x\"]", "commands")]
    [InlineData("outline.modules.shell.ShellCommand", "\"script\": \"x\"", "script")]
    public void Module_specific_arguments_are_refused_on_other_modules(string module, string members, string key)
    {
        var e = LoadFails(OneLayer(members, module));

        e.Key.Should().Be(key);
        e.Message.Should().Contain(module).And.Contain("unknown argument '" + key + "'");
    }

    [Fact]
    public void An_unknown_top_level_key_lists_the_accepted_keys()
    {
        var e = LoadFails("{\"name\": \"x\", \"priority\": 5, \"layers\": []}");

        e.LayerName.Should().BeNull();
        e.Key.Should().Be("priority");
        e.Message.Should().Contain("The outline has an unknown key 'priority'")
            .And.Contain("Accepted: env, facility, layers, maxcores, maxgpus, name, range, shot, show, user.");
    }

    [Theory]
    [InlineData("\"chunk\": \"x\"", "chunk", "expected a whole number (e.g. 5), got the string \"x\"")]
    [InlineData("\"chunk\": 1.5", "chunk", "got the number 1.5")]
    [InlineData("\"cores\": \"many\"", "cores", "expected a number")]
    [InlineData("\"cores\": true", "cores", "got true")]
    [InlineData("\"threads\": [4]", "threads", "got a list")]
    [InlineData("\"max_cores\": {}", "max_cores", "got an object")]
    [InlineData("\"gpus\": null", "gpus", "got null")]
    [InlineData("\"timeout\": \"1h\"", "timeout", "whole number")]
    [InlineData("\"timeout_llu\": false", "timeout_llu", "whole number")]
    [InlineData("\"retries\": \"two\"", "retries", "whole number")]
    [InlineData("\"threadable\": \"yes\"", "threadable", "expected true or false")]
    [InlineData("\"register\": 0", "register", "expected true or false")]
    [InlineData("\"command\": 42", "command", "expected a list of strings (program and arguments) or one command-line string")]
    [InlineData("\"command\": [\"sleep\", 5]", "command", "item 2 of the list must be a string")]
    [InlineData("\"memory\": true", "memory", "\"8g\"")]
    [InlineData("\"gpu_memory\": []", "gpu_memory", "\"4g\"")]
    [InlineData("\"service\": 3", "service", "expected a string")]
    [InlineData("\"tags\": 3", "tags", "a list of tags or a string")]
    [InlineData("\"tags\": [\"a\", 1]", "tags", "item 2")]
    [InlineData("\"limits\": \"lic\"", "limits", "expected a list of strings")]
    [InlineData("\"env\": [\"A=1\"]", "env", "an object of string values")]
    [InlineData("\"env\": {\"A\": 1}", "env", "the value of 'A' must be a string")]
    [InlineData("\"outputs\": {\"beauty\": null}", "outputs", "the value of 'beauty' must be a string")]
    [InlineData("\"type\": \"Render2\"", "type", "Accepted: Render, Util, Post")]
    [InlineData("\"type\": 1", "type", "expected a string")]
    [InlineData("\"range\": true", "range", "a frame range string")]
    [InlineData("\"range\": [\"1\"]", "range", "a list range holds whole numbers")]
    [InlineData("\"require\": 1", "require", "a string or a list of strings")]
    [InlineData("\"require\": \"prep:often\"", "require", "Unknown depend kind 'often'")]
    [InlineData("\"require\": \"\"", "require", "empty")]
    public void Values_of_the_wrong_type_name_the_layer_and_key(string members, string key, string expected)
    {
        var e = LoadFails(OneLayer(members));

        e.LayerName.Should().Be("render");
        e.Key.Should().Be(key);
        e.Message.Should().Contain("Layer 'render'").And.Contain("'" + key + "'").And.Contain(expected);
    }

    [Theory]
    [InlineData("\"script\": [\"x\"]", "script", "outline.modules.shell.ShellScript")]
    [InlineData("\"script\": \"x\", \"args\": \"-v\"", "args", "outline.modules.shell.ShellScript")]
    [InlineData("\"commands\": \"echo\"", "commands", "outline.modules.shell.ShellSequence")]
    public void Module_arguments_of_the_wrong_type_are_refused(string members, string key, string module)
    {
        var e = LoadFails(OneLayer(members, module));

        e.Key.Should().Be(key);
        e.Message.Should().Contain("Layer 'render' (" + module + "), '" + key + "': expected a");
    }

    [Theory]
    [InlineData("{\"name\": 5, \"layers\": []}", "name", "expected a string")]
    [InlineData("{\"range\": {}, \"layers\": []}", "range", "a frame range string")]
    [InlineData("{\"facility\": 1, \"layers\": []}", "facility", "expected a string")]
    [InlineData("{\"show\": null, \"layers\": []}", "show", "expected a string")]
    [InlineData("{\"shot\": [], \"layers\": []}", "shot", "expected a string")]
    [InlineData("{\"user\": 1, \"layers\": []}", "user", "expected a string")]
    [InlineData("{\"maxcores\": 4.5, \"layers\": []}", "maxcores", "whole number")]
    [InlineData("{\"maxgpus\": \"x\", \"layers\": []}", "maxgpus", "whole number")]
    [InlineData("{\"env\": {\"A\": 1}, \"layers\": []}", "env", "must be a string")]
    [InlineData("{\"layers\": {}}", "layers", "expected a list of layer objects")]
    public void Top_level_values_of_the_wrong_type_name_the_key(string json, string key, string expected)
    {
        var e = LoadFails(json);

        e.LayerName.Should().BeNull();
        e.Key.Should().Be(key);
        e.Message.Should().StartWith("The outline, '" + key + "'").And.Contain(expected);
    }

    [Fact]
    public void The_layers_list_is_required()
    {
        LoadFails("{\"name\": \"x\"}").Message.Should().Contain("no 'layers' list");
    }

    [Theory]
    [InlineData("[]", "got a list")]
    [InlineData("\"outline\"", "got the string")]
    [InlineData("null", "got null")]
    public void The_document_must_be_an_object(string json, string expected)
    {
        LoadFails(json).Message.Should().Contain("expected a JSON object").And.Contain(expected);
    }

    [Fact]
    public void A_layer_must_be_an_object_with_name_and_module()
    {
        LoadFails("{\"layers\": [\"render\"]}").Message.Should().Contain("Layer #1").And.Contain("must be an object");

        var noName = LoadFails("{\"layers\": [{\"name\": \"a\", \"module\": \"outline.modules.shell.Shell\"}, {\"module\": \"outline.modules.shell.Shell\"}]}");
        noName.LayerName.Should().Be("#2");
        noName.Message.Should().Contain("Layer #2").And.Contain("no 'name'");

        var noModule = LoadFails("{\"layers\": [{\"name\": \"render\", \"command\": [\"x\"]}]}");
        noModule.LayerName.Should().Be("render");
        noModule.Message.Should().Contain("Layer 'render'").And.Contain("no 'module'").And.Contain("outline.modules.shell.Shell");

        LoadFails("{\"layers\": [{\"name\": \"\", \"module\": \"outline.modules.shell.Shell\"}]}").Message.Should().Contain("empty");
        LoadFails("{\"layers\": [{\"name\": 3, \"module\": \"outline.modules.shell.Shell\"}]}").Key.Should().Be("name");
        LoadFails("{\"layers\": [{\"name\": \"x\", \"module\": [\"Shell\"]}]}").Key.Should().Be("module");
    }

    [Fact]
    public void Keys_given_twice_are_refused()
    {
        LoadFails("{\"name\": \"a\", \"name\": \"b\", \"layers\": []}").Message.Should().Contain("'name' is given twice");
        var e = LoadFails(OneLayer("\"chunk\": 1, \"chunk\": 2"));
        e.LayerName.Should().Be("render");
        e.Message.Should().Contain("'chunk' is given twice");
        LoadFails(OneLayer("\"env\": {\"A\": \"1\", \"A\": \"2\"}")).Message.Should().Contain("'A' is given twice");
    }

    [Fact]
    public void Two_layers_with_one_name_are_refused()
    {
        var e = LoadFails("{\"layers\": [{\"name\": \"a\", \"module\": \"outline.modules.shell.Shell\"}, {\"name\": \"a\", \"module\": \"outline.modules.shell.ShellCommand\"}]}");

        e.LayerName.Should().Be("a");
        e.Message.Should().Contain("already has this name");
    }

    [Fact]
    public void A_syntax_error_gives_the_line_and_position()
    {
        var e = LoadFails("{\n  \"name\": \"x\",\n  \"layers\": [,]\n}");

        e.LineNumber.Should().Be(3);
        e.Position.Should().Be(14);
        e.Message.Should().StartWith("The outline is not valid JSON (line 3, position 14): ").And.NotContain("LineNumber");
        e.InnerException.Should().BeAssignableTo<System.Text.Json.JsonException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"layers\": []")]
    [InlineData("{'layers': []}")]
    [InlineData("{\"layers\": [], }")]
    [InlineData("// comment\n{\"layers\": []}")]
    public void Malformed_json_is_refused(string json)
    {
        LoadFails(json).LineNumber.Should().NotBeNull();
    }
}
