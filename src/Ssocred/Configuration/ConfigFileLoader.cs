using Ssocred.Errors;
using Ssocred.Platform;

namespace Ssocred.Configuration;

/// <summary>Finds and reads the AWS config file, turning every failure into a message naming it.</summary>
internal sealed class ConfigFileLoader(IEnvironment environment, IFileSystem fileSystem)
{
    /// <summary>AWS_CONFIG_FILE, else ~/.aws/config.</summary>
    public string ConfigPath =>
        environment.Get("AWS_CONFIG_FILE") is { } configured
            ? HomeDirectory.Expand(configured, environment)
            : Path.Combine(HomeDirectory.Find(environment), ".aws", "config");

    /// <summary>The parsed file, or null when there is no file at the path.</summary>
    public AwsConfigFile? TryLoad(string path)
    {
        byte[] bytes;
        try
        {
            if (fileSystem.DirectoryExists(path))
            {
                throw new SsocredException($"the config file {path} is a folder, not a file", "point AWS_CONFIG_FILE at a file");
            }

            if (!fileSystem.FileExists(path))
            {
                return null;
            }

            bytes = fileSystem.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SsocredException($"cannot read the config file {path}: {e.Message}", "check that it exists and that you may read it");
        }

        try
        {
            return new AwsConfigFile(path, IniDocument.Parse(bytes));
        }
        catch (IniParseException e)
        {
            throw new SsocredException($"the config file {path} cannot be read: {e.Message}", "fix the file (the AWS CLI would reject it too)");
        }
    }
}
