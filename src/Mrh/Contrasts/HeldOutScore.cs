namespace Mrh.Contrasts;

/// <summary>
/// How well a network maps the stain on one unit of the comparison: a held-out animal (on its evaluation sections), or
/// one training repeat (its network's scores averaged over the held-out animals).
/// </summary>
public sealed record HeldOutScore(string Unit, double Auc, double RSquared, double Rmse);
