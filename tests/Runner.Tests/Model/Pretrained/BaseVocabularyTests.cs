using NUnit.Framework;
using Runner.Core.Model;

namespace Runner.Tests.Model.Pretrained;

public class BaseVocabularyTests
{
    static string TokenizerJson => Path.Combine(TinyLlama.Folder, "tokenizer.json");

    [Test]
    public void EachCharacterTakesTheBaseIdOfTheSameTextAndSpecialsTheBaseModels()
    {
        // The fixture's vocabulary: "0".."9" are 0..9, "+" 10, "=" 11, "Ġ" (a space, byte-level) 35.
        var ids = BaseVocabulary.Map(TokenizerJson, new Tokenizer("0123456789+= "), bosId: 38, eosId: 39);

        Assert.That(ids, Is.EqualTo(new[] { 39, 38, 39, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 35 }));
    }

    [Test]
    public void ACharacterTheBaseVocabularyLacksIsAClearError()
    {
        var error = Assert.Throws<FormatException>(() => BaseVocabulary.Map(TokenizerJson, new Tokenizer("0123z"), 38, 39))!;

        Assert.That(error.Message, Is.EqualTo($"{TokenizerJson}: the task's token 'z' is not a single token of the base vocabulary; this task cannot start from this model"));
    }

    [Test]
    public void ByteLevelSpellsBytesAsGpt2Does()
    {
        Assert.That(BaseVocabulary.ByteLevelText(" "), Is.EqualTo("Ġ"));
        Assert.That(BaseVocabulary.ByteLevelText("\n"), Is.EqualTo("Ċ"));
        Assert.That(BaseVocabulary.ByteLevelText("a+1"), Is.EqualTo("a+1"));
        Assert.That(BaseVocabulary.ByteLevelText("é"), Is.EqualTo("Ã©"));
    }
}
